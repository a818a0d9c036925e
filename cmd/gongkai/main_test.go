package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestHelp(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"help"}, 0, "report"},
		{[]string{"help", "-h"}, 0, "report"},
		{[]string{"help", "help"}, 0, "report"},
		{[]string{"-h"}, 0, "serve"},
		{[]string{"help", "version"}, 0, "gongkai version"},
		{[]string{"nonsense"}, 2, "未知命令"},
		{nil, 2, "用法"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
		if code := dispatch(context.Background(), env, c.args); code != c.code || !strings.Contains(out.String(), c.want) {
			t.Errorf("%v: exit %d, want %d; output lacks %q:\n%s", c.args, code, c.code, c.want, out.String())
		}
	}
}
