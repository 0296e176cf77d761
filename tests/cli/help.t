# rater --help: the usage lines, the global options and one line per
# command; rater COMMAND --help: the synopsis, what it does and one line
# per option, as rater(1) has them.  Nothing is run.
$ rater rate --help
usage: rater rate SCALE --patient ID [--rater NAME] [--visit LABEL] [--date DATE]
rate a patient on the screens; leftover drafts are offered first
  SCALE              a scale id from the scale path, or the path of a scale
                     file
  --patient ID       the patient id: 1 to 64 letters, digits, . - _
  --rater NAME       the rater recorded (default: the configured rater, else
                     the login name)
  --visit LABEL      the visit label (screening, baseline, week 1, ...)
  --date DATE        when the patient was assessed: YYYY-MM-DD or
                     YYYY-MM-DDTHH:MM (default: now)
Global options (before or after the command): --blind, --data DIR,
--scales DIR, --config FILE.  See rater(1).

# --help anywhere after the command, even after bad arguments.
$ rater amend nosuch --reason x -h
usage: rater amend SESSION --reason TEXT [--rater NAME] [--date DATE] [--resolves OTHER] [ID=VALUE ...]
save a corrected revision of a session; the old file stays
  SESSION            a session id or the path of a session file
  --reason TEXT      why the session is corrected (required)
  --rater NAME       who amends (default: the configured rater, else the login
                     name)
  --date DATE        the corrected assessment date
  --resolves OTHER   close a fork: the latest revision(s) of the other
                     branch(es), joined by commas; SESSION is the one that
                     holds
  ID=VALUE           the corrected answers (a number, a multi item's options as
                     1+3, or na, unk, ref)
Global options (before or after the command): --blind, --data DIR,
--scales DIR, --config FILE.  See rater(1).

$ rater verify --help
usage: rater verify
check the audit chain and re-score every session
Global options (before or after the command): --blind, --data DIR,
--scales DIR, --config FILE.  See rater(1).

# After --, --help is an argument.
$ rater score phq9 -- --help
! rater: score: unexpected argument '--'
! usage: rater score SCALE [ID=VALUE ...] [--values V1,V2,...] [--answers FILE|-] [--csv FILE]
? 2
