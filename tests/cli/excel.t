# rater export --excel: for a spreadsheet.  A UTF-8 byte order mark
# first; a cell that begins with = + - @, a tab or a CR (and is not a
# plain number) gets a leading single quote, so that it cannot run as
# a formula (OWASP, CSV injection); times as "YYYY-MM-DD HH:MM:SS"
# (the local time recorded).  Without --excel the CSV is RFC 4180 and
# every cell is exactly as stored.  The wide export carries each
# item's note (ID.note); the long one names rater, amended_by,
# revision, status, and a raised flag's text.
$ rater --version >/dev/null 2>&1; S=tests/cli/data/scales; "$RATER" --scales $S record mood --patient P5 --visit '@visit' --rater '-dr' sad=1 sleep=1 worry=1 harm=1 weight=-1.5 comment='=1+1' >/dev/null && "$RATER" --scales $S amend P5/20261126T101500-mood-1 --rater '+amender' --reason x worry=2 && sed -i 's/^\[notes\]$/[notes]\nsleep = =HYPERLINK("x")\nworry = plain, note/' "$RATER_DATA/sessions/P5/20261126T101500-mood-1.r2.ini"
P5/20261126T101500-mood-1.r2

# Plain: byte for byte as stored, nothing added.
$ rater --scales tests/cli/data/scales export --patient P5
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,rater,amended_by,revision,status,kind,item,value,label,missing_code,note,flag_text
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,answer,sad,1,Sometimes,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,answer,sleep,1,Sometimes,,"=HYPERLINK(""x"")",
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,answer,worry,2,Often,,"plain, note",
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,answer,harm,1,Sometimes,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,answer,weight,-1.5,,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,answer,comment,=1+1,,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,score,total,5,Moderate,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,band,total.band.alt,,A,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,flag,harm,,critical,,,Self-harm thoughts: assess the risk today

$ rater --version >/dev/null 2>&1; "$RATER" --scales tests/cli/data/scales export --patient P5 --excel | od -An -c | head -1
 357 273 277   s   e   s   s   i   o   n   _   i   d   ,   p   a

$ rater --version >/dev/null 2>&1; "$RATER" --scales tests/cli/data/scales export --patient P5 --excel | tail -n +2 | sed -n '2p;5,6p;9p'
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,'@visit,2026-11-26 10:15:00,2026-11-26 10:15:00,'-dr,'+amender,2,complete,answer,sleep,1,Sometimes,,"'=HYPERLINK(""x"")",
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,'@visit,2026-11-26 10:15:00,2026-11-26 10:15:00,'-dr,'+amender,2,complete,answer,weight,-1.5,,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,'@visit,2026-11-26 10:15:00,2026-11-26 10:15:00,'-dr,'+amender,2,complete,answer,comment,'=1+1,,,,
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,'@visit,2026-11-26 10:15:00,2026-11-26 10:15:00,'-dr,'+amender,2,complete,flag,harm,,critical,,,Self-harm thoughts: assess the risk today

# wide: the notes, plain and for a spreadsheet.
$ rater --scales tests/cli/data/scales export --format wide --scale mood
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,finished,rater,amended_by,revision,status,sad,sad.missing,sad.note,sleep,sleep.missing,sleep.note,worry,worry.missing,worry.note,harm,harm.missing,harm.note,weight,weight.missing,weight.note,comment,comment.missing,comment.note,total,total.band,total.band.alt,total.basis,flags
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,@visit,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,-dr,+amender,2,complete,1,,,1,,"=HYPERLINK(""x"")",2,,"plain, note",1,,,-1.5,,,=1+1,,,5,Moderate,A,,harm

$ rater --version >/dev/null 2>&1; "$RATER" --scales tests/cli/data/scales export --format wide --scale mood --excel --codebook "$RATER_DATA/cb.csv" | tail -n +2; head -c 3 "$RATER_DATA/cb.csv" | od -An -c; grep -c . "$RATER_DATA/cb.csv"
P5/20261126T101500-mood-1.r2,P5,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,'@visit,2026-11-26 10:15:00,2026-11-26 10:15:00,2026-11-26 10:15:00,'-dr,'+amender,2,complete,1,,,1,,"'=HYPERLINK(""x"")",2,,"plain, note",1,,,-1.5,,,'=1+1,,,5,Moderate,A,,harm
 357 273 277
31

# A note planted with a tab or a CR: export writes such characters
# escaped (\t, \r; rater(1) TEXT FIELDS), never raw, in both modes;
# --excel still quotes the cell, judged by the stored first character.
$ rater --version >/dev/null 2>&1; sed -i 's/^worry = plain, note$/worry = \\t@x\nharm = \\r=y/' "$RATER_DATA/sessions/P5/20261126T101500-mood-1.r2.ini"; for x in "" --excel; do "$RATER" --scales tests/cli/data/scales export --patient P5 $x | grep -a ',answer,\(worry\|harm\),' | cut -d, -f14-18 | od -An -c; done
   w   o   r   r   y   ,   2   ,   O   f   t   e   n   ,   ,   \
   t   @   x  \n   h   a   r   m   ,   1   ,   S   o   m   e   t
   i   m   e   s   ,   ,   \   r   =   y  \n
   w   o   r   r   y   ,   2   ,   O   f   t   e   n   ,   ,   '
   \   t   @   x  \n   h   a   r   m   ,   1   ,   S   o   m   e
   t   i   m   e   s   ,   ,   '   \   r   =   y  \n
