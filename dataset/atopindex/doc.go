// Package atopindex is the one reading of ATOP 5.1 membership in time that
// every part of Entente shares: which alliance phases, members and
// obligations are in force on a given day or in a given year. The record
// types come from package atop (atop.LoadMembers reads atop5_1m.csv);
// this package holds the conventions, written once here.
//
// # Dates
//
// A member row's entry (yrent, moent, dayent) and exit (yrexit, moexit,
// dayexit) may lack a month or day (coded 0). An unknown entry month or
// day is taken as the first (1 January, or the 1st of the month) and an
// unknown exit month or day as the last (31 December, or the 31st), so a
// spell is never shorter than the data allow: Spell. An exit coded 0 means
// the state was still a member when the data end; the spell then runs to
// 31 December of the last covered year (2018 for ATOP 5.1, LastYear) and
// no further. Nothing is known about later years: Covers is false there,
// which is not "no alliance".
//
// # Days
//
// A Day is a calendar date as the integer yyyymmdd (19490824 for 24 August
// 1949), so days compare as integers. Day 31 is used for every month's
// last day; that affects no comparison, because ATOP's days are real
// dates.
//
// # In force
//
// A member is in force on day d when its spell contains d (both ends
// included). An alliance is in force on d when at least one of its member
// rows is, and a pair of states shares it on d when both of their rows in
// one phase are in force on d. When a question is asked of a year, the
// default is its last day, 31 December (YearEnd): Germany left Locarno in
// March 1936, so it is not Locarno's member in 1936 under the default.
// The other reading, "in force at any time during the year", is the
// convention of ATOP's own state-year file (atop5_1sy) and of the dyad-year
// panel that reproduces it; DuringYear gives it, and callers that use it
// say so.
//
// # Phases
//
// An alliance whose terms changed has numbered phases (phase 1, 2, ...;
// 0 for an alliance that never changed). Each member row belongs to one
// phase and carries that phase's obligations for that member. Members of
// two phases on the same day do not occur in the data; when a year is read
// with DuringYear and a pair shared two phases, the later phase gives the
// obligations, as atop5_1sy takes the phase in force at the end of the
// year.
//
// # One-sided pledges
//
// Obligations are a member's own: in ATOP 1060 (1832-1833) France owes
// Belgium defense and Belgium owes France nothing; in ATOP 3375 the United
// States owes Japan defense while Japan owes non-aggression and
// consultation. A Tie is therefore directed: Owes is what From undertook
// in the alliance, OwedBy what To undertook. A member whose obligations
// vary by partner (obvary) is given its row's obligations toward every
// co-member, because the member file says no more.
package atopindex
