// tests/fhir/same-items.js: node same-items.js A.json B.json: whether
// two Questionnaires have the same rated items (read-only ones left
// out): linkId, type, text, required, codes, options (system, code,
// display, ordinalValue), extensions (minValue, maxValue, step) and
// enableWhen.
// Prints the first difference and exits 1, else prints "same N".
'use strict';
const fs = require('fs');
const items = (f) => JSON.parse(fs.readFileSync(f, 'utf8')).item
    .filter((i) => !i.readOnly)
    .map((i) => JSON.stringify({
	linkId: i.linkId, type: i.type, text: i.text,
	required: i.required || false, code: i.code,
	options: (i.answerOption || []).map((o) => [o.valueCoding,
	    o.extension]),
	extension: i.extension,
	enableWhen: i.enableWhen, enableBehavior: i.enableBehavior
    }));
const a = items(process.argv[2]);
const b = items(process.argv[3]);
for (let k = 0; k < Math.max(a.length, b.length); k++)
	if (a[k] !== b[k]) {
		console.log(`item ${k}:\n  ${a[k]}\n  ${b[k]}`);
		process.exit(1);
	}
console.log(`same ${a.length}`);
