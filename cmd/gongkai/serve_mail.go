package main

import (
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/notify"
	"github.com/gongkai/gongkai/internal/web"
)

// mailerOf is the receipt mailer for applicants, or nil when no SMTP
// server is configured: the platform then sends nothing, silently.
func mailerOf(c config.SMTP) web.Mailer {
	m := notify.SMTP{Host: c.Host, Port: c.Port, User: c.User, Password: c.Password, From: c.From}
	if !m.Configured() {
		return nil
	}
	return m
}
