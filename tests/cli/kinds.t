# Item kinds (issue 14.5): a multi-select item takes its options joined
# by '+' (any order, stored ascending) or none; a number item keeps the
# decimals entered.  The scale: tests/cli/data/kinds/kinds.ini.
$ rater --scales tests/cli/data/kinds score kinds words=5+1+3 calm=74.5
recall	3
calm_s	74.5

# Nothing recalled is an answer (0), not a missing one.
$ rater --scales tests/cli/data/kinds score kinds words=none calm=0
recall	0
calm_s	0.0

$ rater --scales tests/cli/data/kinds score kinds --values 2+4,33.25
recall	2
calm_s	33.3

$ rater --scales tests/cli/data/kinds score kinds words=2,4 calm=1
! rater: words: '2,4': join the options with + ("1+3"), not commas
? 1

$ rater --scales tests/cli/data/kinds score kinds words=2+2 calm=1
! rater: words: option 2 is given twice
? 1

$ rater --scales tests/cli/data/kinds score kinds words=6 calm=1
! rater: words: '6' is not any of 1 2 3 4 5 joined by + ("1+3"), or none
? 1

# More decimals than are printed back: refused, never rounded.
$ rater --scales tests/cli/data/kinds score kinds words=1 calm=74.1234567
! rater: calm: 74.1234567 has more than 6 decimals
? 1

# Recorded: one line in the session file, read back by show, verify
# and both exports (long: the codes and the labels in one row).
$ rater --scales tests/cli/data/kinds record kinds --patient K1 words=4+2 calm=74.5
K1/20261126T101500-kinds-1

$ rater --version >/dev/null; sed -n '/^\[answers\]/,/^calm/p' "$RATER_DATA/sessions/K1/20261126T101500-kinds-1.ini"
[answers]
words = 2+4
calm = 74.5

$ rater --scales tests/cli/data/kinds show K1/20261126T101500-kinds-1 | sed -n '/^Items:/,/^Flags:/p'
Items:
   1. Words recalled without a cue [words]
      2+4: Velvet; Daisy
   2. How calm did you feel [calm]
      74.5
Scores:
  Recall [recall]: 2, range 0 to 5
  Calm [calm_s]: 74.5, range 0 to 100
Flags:

$ rater --scales tests/cli/data/kinds export --format long | cut -d, -f13-17
kind,item,value,label,missing_code
answer,words,2+4,Velvet; Daisy,
answer,calm,74.5,,
score,recall,2,,
score,calm_s,74.5,,

$ rater --scales tests/cli/data/kinds export --format wide --scale kinds | cut -d, -f13-
status,words,words.missing,words.note,calm,calm.missing,calm.note,recall,recall.basis,calm_s,calm_s.basis,flags
complete,2+4,,,74.5,,,2,,74.5,,

$ rater --scales tests/cli/data/kinds verify
verify: 1 session read, 1 audit line, 0 problems
