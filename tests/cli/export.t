# rater export: RFC 4180 CSV with LF line ends; a field with a comma,
# a double quote, a CR or an LF is quoted and its quotes doubled; text
# exactly as stored.  Latest revisions only, in the order of rater
# list.  The store is made by tests/cli/data/mkstore.sh.
$ rater --version >/dev/null 2>&1; sh tests/cli/data/mkstore.sh "$RATER" >/dev/null 2>&1

# long (the default): a row per answer, then per score, further band
# set and raised flag, told apart by `kind`.  An item its show-if hid
# is "skipped" with no value (scoring sees it as na); "empty" is not
# answered.
$ rater export --patient P002
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,rater,amended_by,revision,status,kind,item,value,label,missing_code,note,flag_text
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,answer,sad,0,Never,,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,answer,sleep,1,Sometimes,,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,answer,worry,0,Never,,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,answer,harm,,,skipped,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,answer,weight,,,na,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,answer,comment,"two lines, second ""quoted""",,,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,score,total,1,Low,,,
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,band,total.band.alt,,A,,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,answer,sad,,,unk,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,answer,sleep,,,ref,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,answer,worry,0,Never,,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,answer,harm,0,Never,,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,answer,weight,,,empty,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,answer,comment,bell\a,,,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,score,total,,,missing,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,band,total.band.alt,,,missing,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,answer,sad,1,Sometimes,,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,answer,sleep,1,Sometimes,,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,answer,worry,1,Sometimes,,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,answer,harm,0,Never,,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,answer,weight,,,empty,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,answer,comment,,,empty,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,score,total,3,Low,,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,band,total.band.alt,,A,,,

$ rater export --format long --patient P017 --scale motor
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,rater,amended_by,revision,status,kind,item,value,label,missing_code,note,flag_text
P017/20261108T093000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,baseline,2026-11-08T09:30:00+00:00,2026-11-08T09:30:00+00:00,drx,,1,complete,answer,gait,2,,,,
P017/20261108T093000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,baseline,2026-11-08T09:30:00+00:00,2026-11-08T09:30:00+00:00,drx,,1,complete,answer,arm,2.5,,,,
P017/20261108T093000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,baseline,2026-11-08T09:30:00+00:00,2026-11-08T09:30:00+00:00,drx,,1,complete,score,mean,2.25,,,,
P017/20261108T093000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,baseline,2026-11-08T09:30:00+00:00,2026-11-08T09:30:00+00:00,drx,,1,complete,score,ability,3.5,,,,
P017/20261126T103000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,week 4,2026-11-26T10:30:00+00:00,2026-11-26T10:30:00+00:00,drx,,1,complete,answer,gait,1,,,,
P017/20261126T103000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,week 4,2026-11-26T10:30:00+00:00,2026-11-26T10:30:00+00:00,drx,,1,complete,answer,arm,0.5,,,,
P017/20261126T103000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,week 4,2026-11-26T10:30:00+00:00,2026-11-26T10:30:00+00:00,drx,,1,complete,score,mean,0.75,,,,
P017/20261126T103000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,week 4,2026-11-26T10:30:00+00:00,2026-11-26T10:30:00+00:00,drx,,1,complete,score,ability,6.5,,,,

# wide: a row per session, for one scale.
$ rater export --format wide --scale mood
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,finished,rater,amended_by,revision,status,sad,sad.missing,sad.note,sleep,sleep.missing,sleep.note,worry,worry.missing,worry.note,harm,harm.missing,harm.note,weight,weight.missing,weight.note,comment,comment.missing,comment.note,total,total.band,total.band.alt,total.basis,flags
P002/20261110T090000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 1,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,2026-11-10T09:00:00+00:00,Dr Müller,,1,complete,0,,,1,,,0,,,,skipped,,,na,,"two lines, second ""quoted""",,,1,Low,A,,
P002/20261120T010000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,2026-11-20T01:00:00+05:00,Dr Müller,,1,incomplete,,unk,,,ref,,0,,,0,,,,empty,,bell\a,,,,,,,
P002/20261119T210000-mood-1,P002,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,day 10,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,2026-11-19T21:00:00+00:00,nurse,,1,incomplete,1,,,1,,,1,,,0,,,,empty,,,empty,,3,Low,A,,
P017/20261101T090000-mood-1,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,screening,2026-11-01T09:00:00+00:00,2026-11-01T09:00:00+00:00,2026-11-01T09:00:00+00:00,drx,,1,complete,3,,,3,,,2,,,1,,,-1.5,,,"slept 4h, ""tired""",,,9,High,B,,harm
P017/20261108T090000-mood-1,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,baseline,2026-11-08T09:00:00+00:00,2026-11-08T09:00:00+00:00,2026-11-08T09:00:00+00:00,drx,,1,complete,3,,,2,,,2,,,1,,,0,,,,empty,,8,High,B,,harm
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,2026-11-27T08:00:00+00:00,drx,nurse2,2,complete,1,,,1,,,2,,,,na,,2.5,,,,empty,,4,Moderate,A,partial 3/4,

$ rater export --format=wide --scale motor --since 2026-11-20
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,finished,rater,amended_by,revision,status,gait,gait.missing,gait.note,arm,arm.missing,arm.note,mean,mean.basis,ability,ability.basis,flags
P017/20261126T103000-motor-1,P017,motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,week 4,2026-11-26T10:30:00+00:00,2026-11-26T10:30:00+00:00,2026-11-26T10:30:00+00:00,drx,,1,complete,1,,,0.5,,,0.75,,6.5,,

# The codebook of the exported sessions' scale versions.
$ rater export --format wide --scale motor --codebook "$RATER_DATA/motor-codebook.csv" >/dev/null && cat "$RATER_DATA/motor-codebook.csv"
scale,scale_version,scale_sha256,kind,id,text,type,value,label,formula,min,max,step,decimals,bands,direction,responder,missing,scored,level
motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,scale,motor,Motor test scale,,,verified,,,,,,,,,,,
motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,item,gait,Gait,number,,,,0,4,0.5,,,,,na,yes,
motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,item,arm,Arm,number,,,,0,4,0.5,,,,,na,yes,
motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,score,mean,,number,,Mean severity,"mean(gait, arm)",0,4,,2,,higher-is-worse,<= 1,,,
motor,2,db8ee27137cdc2f5319a21166f0bbecc793586119189771d5640f1fa7c4363c0,score,ability,,number,,Ability,8 - gait - arm,0,8,,1,,higher-is-better,2,,,

$ rater export --format wide
! rater: export: --format wide needs --scale ID (its columns are those of one scale)
! usage: rater export [--format wide|long|fhir|redcap] [--excel] [--codebook FILE] [--events FILE] [--record-id NAME] [--verified] [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater export --format tall
! rater: export: --format is wide, long, fhir or redcap, not 'tall'
! usage: rater export [--format wide|long|fhir|redcap] [--excel] [--codebook FILE] [--events FILE] [--record-id NAME] [--verified] [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater export --codebook
! rater: export: unexpected argument '--codebook'
! usage: rater export [--format wide|long|fhir|redcap] [--excel] [--codebook FILE] [--events FILE] [--record-id NAME] [--verified] [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater export --until 2026-02-30
! rater: export: --until '2026-02-30' is not a date YYYY-MM-DD
! usage: rater export [--format wide|long|fhir|redcap] [--excel] [--codebook FILE] [--events FILE] [--record-id NAME] [--verified] [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater export --bogus
! rater: export: unexpected argument '--bogus'
! usage: rater export [--format wide|long|fhir|redcap] [--excel] [--codebook FILE] [--events FILE] [--record-id NAME] [--verified] [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater --blind export --format long
! rater: export: refused in blind mode: a blinded rater may not see earlier sessions or their results
? 1

$ rater export --patient P999
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,rater,amended_by,revision,status,kind,item,value,label,missing_code,note,flag_text

# No session: the codebook is its header alone (under UBSan, no
# memcpy from a NULL list), and the FHIR Bundle has no entry array.
$ rater export --patient P999 --codebook "$RATER_DATA/none.csv" >/dev/null && cat "$RATER_DATA/none.csv"
scale,scale_version,scale_sha256,kind,id,text,type,value,label,formula,min,max,step,decimals,bands,direction,responder,missing,scored,level

$ rater export --patient P999 --format fhir
{
  "resourceType": "Bundle",
  "type": "collection"
}

# A changed scale file: the old sessions keep their version (its sha256
# in every row, its results), the new one has the edited version, and
# the codebook holds both.
$ rater --version >/dev/null 2>&1; RATER_NOW=2026-12-24T09:00:00+00:00 "$RATER" --scales tests/cli/data/scales-v2 record mood --patient P017 --visit "week 8" --rater drx sad=1 sleep=2 worry=1 harm=3 weight=0
P017/20261224T090000-mood-1

$ rater --scales tests/cli/data/scales-v2 export --format wide --scale mood --patient P017 --codebook "$RATER_DATA/mood-codebook.csv"
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,finished,rater,amended_by,revision,status,sad,sad.missing,sad.note,sleep,sleep.missing,sleep.note,worry,worry.missing,worry.note,harm,harm.missing,harm.note,weight,weight.missing,weight.note,comment,comment.missing,comment.note,total,total.band,total.band.alt,total.basis,flags
P017/20261101T090000-mood-1,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,screening,2026-11-01T09:00:00+00:00,2026-11-01T09:00:00+00:00,2026-11-01T09:00:00+00:00,drx,,1,complete,3,,,3,,,2,,,1,,,-1.5,,,"slept 4h, ""tired""",,,9,High,B,,harm
P017/20261108T090000-mood-1,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,baseline,2026-11-08T09:00:00+00:00,2026-11-08T09:00:00+00:00,2026-11-08T09:00:00+00:00,drx,,1,complete,3,,,2,,,2,,,1,,,0,,,,empty,,8,High,B,,harm
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,2026-11-27T08:00:00+00:00,drx,nurse2,2,complete,1,,,1,,,2,,,,na,,2.5,,,,empty,,4,Moderate,A,partial 3/4,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,1,,,2,,,1,,,3,,,0,,,,empty,,4,Medium,A,,harm

$ rater --scales tests/cli/data/scales-v2 export --patient P017 --scale mood --since 2026-11-26
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,rater,amended_by,revision,status,kind,item,value,label,missing_code,note,flag_text
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,answer,sad,1,Sometimes,,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,answer,sleep,1,Sometimes,,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,answer,worry,2,Often,,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,answer,harm,,,na,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,answer,weight,2.5,,,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,answer,comment,,,empty,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,score,total,4,Moderate,,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,band,total.band.alt,,A,,,
P017/20261126T101500-mood-1.r2,P017,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,week 4,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,nurse2,2,complete,basis,total.basis,partial 3/4,,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,answer,sad,1,Sometimes,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,answer,sleep,2,Often,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,answer,worry,1,Sometimes,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,answer,harm,3,Always,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,answer,weight,0,,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,answer,comment,,,empty,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,score,total,4,Medium,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,band,total.band.alt,,A,,,
P017/20261224T090000-mood-1,P017,mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,week 8,2026-12-24T09:00:00+00:00,2026-12-24T09:00:00+00:00,drx,,1,complete,flag,harm,,critical,,,Self-harm thoughts: assess the risk today

$ rater --version >/dev/null 2>&1; cat "$RATER_DATA/mood-codebook.csv"
scale,scale_version,scale_sha256,kind,id,text,type,value,label,formula,min,max,step,decimals,bands,direction,responder,missing,scored,level
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,scale,mood,Mood test scale,,,provisional,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,item,sad,Sadness,choice,,,,0,3,,,,,,na unk ref,yes,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sad,,,0,Never,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sad,,,1,Sometimes,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sad,,,2,Often,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sad,,,3,Always,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,item,sleep,Poor sleep,choice,,,,0,3,,,,,,na unk ref,yes,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sleep,,,0,Never,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sleep,,,1,Sometimes,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sleep,,,2,Often,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,sleep,,,3,Always,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,item,worry,"Worry, tension",choice,,,,0,3,,,,,,na unk ref,yes,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,worry,,,0,Never,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,worry,,,1,Sometimes,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,worry,,,2,Often,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,worry,,,3,Always,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,item,harm,Thoughts of self-harm,choice,,,sad >= 1,0,3,,,,,,na unk ref,no,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,harm,,,0,Never,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,harm,,,1,Sometimes,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,harm,,,2,Often,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,option,harm,,,3,Always,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,item,weight,Weight change in kg,number,,,,-10,10,0.5,,,,,na unk ref,no,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,item,comment,Comment,text,,,,,,,,,,,na unk ref,no,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,score,total,,number,,Total,"sum(sad, sleep, worry)",0,9,,0,severity alt,higher-is-worse,50%,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,band,severity,,,0,Low,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,band,severity,,,4,Medium,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,band,severity,,,8,High,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,band,alt,,,0,A,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,band,alt,,,6,B,,,,,,,,,,,
mood,1,2b7b9ea4d5989d6e7fcdfc7c4d92314ed1f8274c951bb011b9ca410de508912d,flag,harm,Self-harm thoughts: assess the risk today,,,,harm >= 1,,,,,,,,,,critical
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,scale,mood,Mood test scale,,,provisional,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,item,sad,Sadness,choice,,,,0,3,,,,,,na unk ref,yes,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sad,,,0,Never,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sad,,,1,Sometimes,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sad,,,2,Often,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sad,,,3,Always,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,item,sleep,Poor sleep,choice,,,,0,3,,,,,,na unk ref,yes,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sleep,,,0,Never,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sleep,,,1,Sometimes,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sleep,,,2,Often,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,sleep,,,3,Always,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,item,worry,"Worry, tension",choice,,,,0,3,,,,,,na unk ref,yes,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,worry,,,0,Never,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,worry,,,1,Sometimes,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,worry,,,2,Often,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,worry,,,3,Always,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,item,harm,Thoughts of self-harm,choice,,,sad >= 1,0,3,,,,,,na unk ref,yes,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,harm,,,0,Never,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,harm,,,1,Sometimes,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,harm,,,2,Often,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,option,harm,,,3,Always,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,item,weight,Weight change in kg,number,,,,-10,10,0.5,,,,,na unk ref,no,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,item,comment,Comment,text,,,,,,,,,,,na unk ref,no,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,score,total,,number,,Total,"sum(sad, sleep, worry, harm)",0,12,,0,severity alt,higher-is-worse,50%,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,band,severity,,,0,Low,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,band,severity,,,4,Moderate,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,band,severity,,,8,High,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,band,alt,,,0,A,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,band,alt,,,6,B,,,,,,,,,,,
mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,flag,harm,Self-harm thoughts: assess the risk today,,,,harm >= 1,,,,,,,,,,critical

# record refuses control characters, but a session file may still hold
# one (an older rater, an edit): export writes it escaped, never raw
# (an ESC here would be an OSC 52 clipboard write in the reader's
# terminal).
$ rater --version >/dev/null 2>&1; "$RATER" --scales tests/cli/data/scales record mood --patient P900 --rater drx sad=1 sleep=0 worry=0 harm=0 weight=0 comment=plant && sed -i 's/"plant"/"a\\x1b]52;c;aGk=\\x07\\xe2\\x80\\xae\\xc2\\x9b\\nz"/' "$RATER_DATA"/sessions/P900/*.ini
P900/20261126T101500-mood-1

$ rater --scales tests/cli/data/scales export --patient P900 --format wide --scale mood
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,finished,rater,amended_by,revision,status,sad,sad.missing,sad.note,sleep,sleep.missing,sleep.note,worry,worry.missing,worry.note,harm,harm.missing,harm.note,weight,weight.missing,weight.note,comment,comment.missing,comment.note,total,total.band,total.band.alt,total.basis,flags
P900/20261126T101500-mood-1,P900,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,,1,complete,1,,,0,,,0,,,0,,,0,,,a\x1b]52;c;aGk=\x07\u{202e}\xc2\x9b\nz,,,1,Low,A,,
