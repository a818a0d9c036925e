package annualreport

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

func openXLSXForTest(data []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(data))
}
