// Package interact holds the rules of public interaction (互动交流):
// consultations (咨询) and their 3-month answer limit, comment periods
// on drafts (征求意见) with their statutory minimum lengths, and the
// challenge that keeps machines off the public forms. It does no I/O.
package interact
