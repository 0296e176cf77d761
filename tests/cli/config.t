# The configuration file: every mistake reported with its line, exit 1.
$ rater --config tests/cli/data/bad-config.ini scales
! tests/cli/data/bad-config.ini:3: error: unknown key 'foo' (known: site, rater, visits, data, scales, blind, max_backdate_days, fhir_base)
! tests/cli/data/bad-config.ini:4: error: blind must be yes or no
? 1

$ rater --config /nonexistent/config.ini scales
! /nonexistent/config.ini: error: cannot read: No such file or directory
? 1

$ rater --config 2>&1 | head -2
rater: --config needs a value
usage: rater [--blind] [--data DIR] [--scales DIR] [--config FILE] [COMMAND [ARGS]]
