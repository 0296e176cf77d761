// tests/fhir/check.js: checks FHIR R4 JSON files that rater wrote.
//
//	node check.js NODE_DIR FILE...
//
// NODE_DIR holds node_modules with ajv 6 and the official FHIR R4 JSON
// schema (tests/fhir/deps.sh).  Every file is checked for
//  1. JSON and FHIR's JSON rules: no null, no empty string, array or
//     object; a dateTime/instant with a time carries a timezone offset;
//  2. the FHIR R4 JSON schema: the file's resource, and each resource
//     of a Bundle on its own (for messages that name it);
//  3. every QuestionnaireResponse against its Questionnaire (found by
//     its versioned canonical among the Questionnaires of all the
//     files): the canonical resolves; items are known linkIds, in the
//     Questionnaire's order, not repeated; groups have no answers;
//     one answer unless repeats; the answer's type matches the item's
//     (choice: valueCoding in answerOption, by system and code;
//     decimal: valueDecimal; integer: valueInteger; string, text:
//     valueString); a required item is there when the status is
//     completed or amended; item text, when given, equals the
//     Questionnaire's; no item is answered that its enableWhen
//     (exists, =, and number comparisons) disables;
//  4. Observations: a value or a dataAbsentReason, not both; derivedFrom
//     names a fullUrl of the same Bundle; linkIds unique in a
//     Questionnaire (que-2); fullUrls unique in a Bundle.
// Prints one line per problem, "FILE: WHERE: message", and exits 1 when
// there is any (2 on a usage error).
'use strict';
const fs = require('fs');
const path = require('path');

if (process.argv.length < 4) {
	console.error('usage: node check.js NODE_DIR FILE...');
	process.exit(2);
}
const nodeDir = path.resolve(process.argv[2]);
const files = process.argv.slice(3);
const Ajv = require(path.join(nodeDir, 'node_modules', 'ajv'));
const schema = JSON.parse(fs.readFileSync(path.join(nodeDir, 'node_modules',
    '@asymmetrik', 'fhir-json-schema-validator', 'fhir.schema.json'), 'utf8'));
const ajv = new Ajv({ schemaId: 'auto', allErrors: false,
    logger: false });
ajv.addMetaSchema(require(path.join(nodeDir, 'node_modules', 'ajv', 'lib',
    'refs', 'json-schema-draft-06.json')));
ajv.addSchema(schema, 'fhir');
const byType = new Map();
// The schema of one resource type (as the schema's discriminator maps
// resourceType): its errors name the element.
function typeSchema(t) {
	if (!byType.has(t))
		byType.set(t, schema.discriminator.mapping[t] === undefined ?
		    null : ajv.getSchema(`fhir#/definitions/${t}`));
	return byType.get(t);
}

let problems = 0;
function problem(file, where, msg) {
	problems++;
	console.log(`${file}: ${where}: ${msg}`);
}

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?/;
const TZ_RE = /(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

// FHIR's JSON rules, everywhere in the value.
function jsonRules(file, v, where) {
	if (v === null) {
		problem(file, where, 'null is not allowed');
	} else if (Array.isArray(v)) {
		if (v.length === 0)
			problem(file, where, 'empty array');
		v.forEach((e, i) => jsonRules(file, e, `${where}[${i}]`));
	} else if (typeof v === 'object') {
		const keys = Object.keys(v);
		if (keys.length === 0)
			problem(file, where, 'empty object');
		keys.forEach((k) => jsonRules(file, v[k], `${where}.${k}`));
	} else if (typeof v === 'string') {
		if (v === '')
			problem(file, where, 'empty string');
		else if (v.trim() !== v && !where.endsWith('.div'))
			problem(file, where, 'leading or trailing space');
		if (TIME_RE.test(v) && !TZ_RE.test(v))
			problem(file, where, `time without a timezone: ${v}`);
	} else if (typeof v === 'number' && !Number.isFinite(v)) {
		problem(file, where, 'not a finite number');
	}
}

function schemaCheck(file, res, where) {
	const t = res && typeof res === 'object' ? res.resourceType : undefined;
	const v = typeof t === 'string' ? typeSchema(t) : null;
	if (v === null) {
		problem(file, where, `schema: no resource type ${t}`);
		return false;
	}
	if (!v(res)) {
		const e = v.errors[0];
		problem(file, where, `schema: ${e.dataPath || '(resource)'} ` +
		    `${e.message}${e.params && e.params.allowedValues ?
		    ' (' + e.params.allowedValues.join(', ') + ')' :
		    e.params && e.params.additionalProperty ?
		    ' (' + e.params.additionalProperty + ')' : ''}`);
		return false;
	}
	return true;
}

// Questionnaire items by linkId, with their order among siblings.
function indexItems(file, items, where, map, seen) {
	(items || []).forEach((it, i) => {
		if (seen.has(it.linkId))
			problem(file, `${where}.item[${i}]`,
			    `linkId ${it.linkId} is not unique (que-2)`);
		seen.add(it.linkId);
		map.set(it.linkId, { item: it, order: i });
		if (it.item)
			indexItems(file, it.item, `${where}.item[${i}]`,
			    new Map(), seen);
	});
}

function answerType(qi, ans, file, where) {
	const keys = Object.keys(ans).filter((k) => k.startsWith('value'));
	if (keys.length !== 1) {
		problem(file, where, 'an answer has exactly one value[x]');
		return;
	}
	const k = keys[0];
	const want = {
		choice: 'valueCoding', 'open-choice': 'valueCoding',
		decimal: 'valueDecimal', integer: 'valueInteger',
		string: 'valueString', text: 'valueString',
		boolean: 'valueBoolean', date: 'valueDate',
		dateTime: 'valueDateTime', quantity: 'valueQuantity'
	}[qi.type];
	if (want === undefined) {
		problem(file, where, `item ${qi.linkId} of type ${qi.type} ` +
		    'cannot be answered');
		return;
	}
	if (k !== want) {
		problem(file, where, `item ${qi.linkId} is ${qi.type}: ` +
		    `answered with ${k}, not ${want}`);
		return;
	}
	if (qi.type === 'choice') {
		const c = ans.valueCoding;
		const opt = (qi.answerOption || []).find((o) => o.valueCoding &&
		    o.valueCoding.system === c.system &&
		    o.valueCoding.code === c.code);
		if (opt === undefined)
			problem(file, where, `item ${qi.linkId}: code ` +
			    `${c.system}|${c.code} is not one of its options`);
		else if (c.display !== undefined &&
		    c.display !== opt.valueCoding.display)
			problem(file, where, `item ${qi.linkId}: display ` +
			    `"${c.display}" differs from the option's`);
	}
}

function checkResponse(file, qr, where, questionnaires) {
	const q = questionnaires.get(qr.questionnaire);
	if (q === undefined) {
		problem(file, where, `questionnaire ${qr.questionnaire} not ` +
		    'found');
		return;
	}
	const top = new Map();
	indexItems(file, q.item, 'Questionnaire', top, new Set());
	let last = -1;
	const present = new Set();
	(qr.item || []).forEach((it, i) => {
		const w = `${where}.item[${i}]`;
		const e = top.get(it.linkId);
		if (e === undefined) {
			problem(file, w, `linkId ${it.linkId} is not in the ` +
			    'Questionnaire');
			return;
		}
		if (present.has(it.linkId) && !e.item.repeats)
			problem(file, w, `linkId ${it.linkId} repeated`);
		if (e.order < last)
			problem(file, w, `linkId ${it.linkId} out of order`);
		last = e.order;
		present.add(it.linkId);
		if (it.text !== undefined && it.text !== e.item.text)
			problem(file, w, `text differs from the ` +
			    'Questionnaire\'s');
		if (e.item.type === 'group' || e.item.type === 'display') {
			if (it.answer)
				problem(file, w, `${e.item.type} item ` +
				    `${it.linkId} has an answer`);
			return;
		}
		if (it.item)
			problem(file, w, 'a question has nested items (qrs-1)');
		if (!it.answer)
			return;
		if (it.answer.length > 1 && !e.item.repeats)
			problem(file, w, `item ${it.linkId}: more than one ` +
			    'answer');
		it.answer.forEach((a, k) => answerType(e.item, a, file,
		    `${w}.answer[${k}]`));
	});
	// enableWhen, over the top-level answers.
	const answers = new Map();
	(qr.item || []).forEach((it) => answers.set(it.linkId, it.answer || []));
	const holds = (c) => {
		const got = answers.get(c.question) || [];
		if (c.operator === 'exists')
			return (got.length > 0) === c.answerBoolean;
		return got.some((a) => {
			if (c.answerCoding !== undefined)
				return a.valueCoding !== undefined &&
				    a.valueCoding.system === c.answerCoding.system &&
				    a.valueCoding.code === c.answerCoding.code ?
				    c.operator === '=' : c.operator === '!=';
			const want = c.answerDecimal !== undefined ?
			    c.answerDecimal : c.answerInteger;
			const v = a.valueDecimal !== undefined ? a.valueDecimal :
			    a.valueInteger;
			if (want === undefined || v === undefined)
				return false;
			return { '=': v === want, '!=': v !== want, '<': v < want,
			    '<=': v <= want, '>': v > want,
			    '>=': v >= want }[c.operator];
		});
	};
	for (const [id, e] of top) {
		const ew = e.item.enableWhen;
		if (!ew || !answers.has(id))
			continue;
		const on = e.item.enableBehavior === 'any' ? ew.some(holds) :
		    ew.every(holds);
		if (!on)
			problem(file, where, `item ${id} is answered but its ` +
			    'enableWhen disables it');
	}
	if (qr.status === 'completed' || qr.status === 'amended')
		for (const [id, e] of top)
			if (e.item.required && !present.has(id))
				problem(file, where, `required item ${id} ` +
				    `missing from a ${qr.status} response`);
}

function checkObservation(file, obs, where, fullUrls) {
	const hasValue = Object.keys(obs).some((k) => k.startsWith('value'));
	if (hasValue === (obs.dataAbsentReason !== undefined))
		problem(file, where, 'needs a value or a dataAbsentReason, ' +
		    'not both (obs-6)');
	(obs.derivedFrom || []).forEach((r, k) => {
		if (r.reference && r.reference.startsWith('urn:') &&
		    !fullUrls.has(r.reference))
			problem(file, `${where}.derivedFrom[${k}]`,
			    `${r.reference} is not in the Bundle`);
	});
}

// Read everything first: a response may name a Questionnaire of another
// file (rater describe beside rater export).
const docs = [];
const questionnaires = new Map();
for (const file of files) {
	let v;
	try {
		v = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		problem(file, 'json', e.message);
		continue;
	}
	docs.push({ file, v });
	const res = v.resourceType === 'Bundle' ?
	    (v.entry || []).map((e) => e.resource) : [v];
	for (const r of res)
		if (r && r.resourceType === 'Questionnaire')
			questionnaires.set(`${r.url}|${r.version}`, r);
}
for (const { file, v } of docs) {
	jsonRules(file, v, '$');
	if (v.resourceType === 'Bundle') {
		const shell = Object.assign({}, v);
		delete shell.entry;
		schemaCheck(file, shell, 'Bundle');
	} else
		schemaCheck(file, v, v.resourceType || '(no resourceType)');
	const fullUrls = new Set();
	const entries = v.resourceType === 'Bundle' ?
	    (v.entry || []).map((e, i) => ({ e, i })) :
	    [{ e: { resource: v }, i: -1 }];
	if (v.resourceType === 'Bundle')
		entries.forEach(({ e, i }) => {
			if (fullUrls.has(e.fullUrl))
				problem(file, `entry[${i}]`, `fullUrl ` +
				    `${e.fullUrl} is not unique`);
			fullUrls.add(e.fullUrl);
		});
	for (const { e, i } of entries) {
		const r = e.resource;
		const where = i < 0 ? r.resourceType :
		    `entry[${i}] ${r.resourceType}`;
		if (i >= 0)
			schemaCheck(file, r, where);
		if (r.resourceType === 'Questionnaire')
			indexItems(file, r.item, where, new Map(), new Set());
		else if (r.resourceType === 'QuestionnaireResponse')
			checkResponse(file, r, where, questionnaires);
		else if (r.resourceType === 'Observation')
			checkObservation(file, r, where, fullUrls);
	}
}
process.exit(problems > 0 ? 1 : 0);
