# Sourced by tests/cli/run.sh: rater show numbers items as the paper
# form does (HAM-D: 16A and 16B, then 17 for Insight, not 18).
id=$("$RATER" record hamd17 --patient H1 --rater drx q1=1 q2=1 q3=0 \
    q4=1 q5=1 q6=1 q7=1 q8=1 q9=1 q10=1 q11=1 q12=1 q13=1 q14=1 q15=1 \
    q16a=1 q17=1 2>&1)
"$RATER" show "$id" >"$tmp/show-h1.out" 2>&1
if grep -qx ' 16A\. Weight loss: by history (16a) \[q16a\]' \
    "$tmp/show-h1.out" &&
    grep -qx ' 16B\. Weight loss: by measurement (16b) \[q16b\]' \
    "$tmp/show-h1.out" &&
    grep -qx '  17\. Insight \[q17\]' "$tmp/show-h1.out"; then
	ok
else
	not_ok "numbers.sh: show lacks 16A, 16B, 17"
	sed -n '/^Items:/,/^Scores:/p' "$tmp/show-h1.out" | sed 's/^/  /'
fi
