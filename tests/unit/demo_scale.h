/*
 * demo_scale.h: the small scale the session, store and journal tests
 * rate: choice items, one shown only when q1 >= 1, a number item, a text
 * item, a score with two band sets and a critical flag.
 */
#ifndef RATER_DEMO_SCALE_H
#define RATER_DEMO_SCALE_H

#define DEMO_SCALE							\
	"[scale]\n"							\
	"id = demo\n"							\
	"title = \"Demo scale\"\n"					\
	"version = 2\n"							\
	"citation = \"none\"\n"						\
	"\n"								\
	"[choices.freq]\n"						\
	"0 = \"Never\"\n"						\
	"1 = \"Sometimes\"\n"						\
	"2 = \"Often\"\n"						\
	"3 = \"Always\"\n"						\
	"\n"								\
	"[item.q1]\n"							\
	"text = \"First\"\n"						\
	"choices = freq\n"						\
	"\n"								\
	"[item.q2]\n"							\
	"text = \"Second\"\n"						\
	"choices = freq\n"						\
	"\n"								\
	"[item.q3]\n"							\
	"text = \"Third\"\n"						\
	"choices = freq\n"						\
	"\n"								\
	"[item.q4]\n"							\
	"text = \"Fourth, asked when q1 is not 0\"\n"			\
	"choices = freq\n"						\
	"when = q1 >= 1\n"						\
	"\n"								\
	"[item.dose]\n"							\
	"text = \"Dose\"\n"						\
	"type = number\n"						\
	"min = 0\n"							\
	"max = 10\n"							\
	"step = 0.5\n"							\
	"scored = no\n"							\
	"\n"								\
	"[item.comment]\n"						\
	"text = \"Comment\"\n"						\
	"type = text\n"							\
	"\n"								\
	"[score.total]\n"						\
	"label = Total\n"						\
	"formula = sum(q1, q2, q3, q4)\n"				\
	"min = 0\n"							\
	"max = 12\n"							\
	"bands = severity alt\n"					\
	"\n"								\
	"[bands.severity]\n"						\
	"0 = \"Low\"\n"							\
	"4 = \"Medium\"\n"						\
	"8 = \"High\"\n"						\
	"\n"								\
	"[bands.alt]\n"							\
	"0 = \"A\"\n"							\
	"6 = \"B\"\n"							\
	"\n"								\
	"[flag.q3]\n"							\
	"when = q3 >= 2\n"						\
	"level = critical\n"						\
	"text = \"q3 is high\"\n"					\
	"\n"								\
	"[test.medium]\n"						\
	"answers = 2 1 3 0 - -\n"					\
	"total = 6\n"							\
	"total.band = Medium\n"						\
	"flags = q3\n"

/* Item indices. */
#define Q1	0
#define Q2	1
#define Q3	2
#define Q4	3
#define DOSE	4
#define COMMENT	5

#endif
