// The Mensatek Trigger's Skip Repeated Reports against generated spellings of the same reports, over
// real HTTP (test/helpers/webhook.mts). 300 distinct reports, each posted 2–5 times in random
// spellings (phone with +, 00, spaces, dashes or brackets; idMensaje and Estado as number, text,
// with leading zeros or blanks; Direccion and field names in any case), shuffled, one or several per
// request. Each report must start the workflow exactly once, and no two distinct reports may merge.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../nodes/Mensatek/MensatekTrigger.node';
import type { Receiver } from '../helpers/webhook';
import { webhookReceiver } from '../helpers/webhook';

const REPORTS = 300;

/** mulberry32: the same seed gives the same requests. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	return { int, pick: <T>(list: readonly T[]): T => list[int(list.length)], chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

interface Base {
	n: number;
	id: number;
	phone: string; // international digits
	estado: number;
	direction: 'INPUT' | 'OUTPUT';
}

const randomCase = (rng: Rng, text: string) => [...text].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');

function phoneSpelling(rng: Rng, digits: string): string {
	const [cc, rest] = [digits.slice(0, 2), digits.slice(2)];
	const grouped = rest.replace(/(\d{3})(?=\d)/g, `$1${rng.pick([' ', '-', ''])}`);
	return rng.pick([digits, `+${digits}`, `00${digits}`, `+${cc} ${grouped}`, `00${cc} ${grouped}`, `+${cc} (${rest.slice(0, 3)}) ${rest.slice(3)}`]);
}
const numberSpelling = (rng: Rng, value: number): unknown => rng.pick([value, String(value), ` ${value} `, `0${value}`, `00${value}`]);

function spelling(rng: Rng, base: Base): IDataObject {
	const name = (field: string) => (rng.chance(0.3) ? randomCase(rng, field) : field);
	return {
		fuzz: base.n,
		[name('Servicio')]: 'WHATSAPP',
		[name('Direccion')]: randomCase(rng, base.direction),
		[name('Estado')]: numberSpelling(rng, base.estado) as never,
		[name('Telefono')]: phoneSpelling(rng, base.phone),
		[name('idMensaje')]: numberSpelling(rng, base.id) as never,
		Fecha: '2025-01-15 11:14:24',
	};
}

let trigger: Receiver;
beforeAll(async () => {
	trigger = await webhookReceiver({
		type: 'mensatekTrigger',
		parameters: { directions: ['INPUT', 'OUTPUT'], options: {} } as INodeParameters,
		credentials: { mensatekWebhookApi: { user: 'u', password: 'p' } },
	});
});
afterAll(async () => {
	await trigger.close();
});

describe('Mensatek Trigger: generated spellings of the same reports', () => {
	it(`starts each of ${REPORTS} reports exactly once, whatever the spelling of its copies`, async () => {
		const rng = prng(20);
		// Distinct reports that differ in one part only, so that a key too loose would merge them.
		const bases: Base[] = Array.from({ length: REPORTS }, (_, n) => ({
			n,
			id: 10_000_000 + (n % 100),
			phone: `3460000${String(Math.floor(n / 100)).padStart(4, '0')}`,
			estado: 1 + (n % 3),
			direction: n % 2 ? 'INPUT' : 'OUTPUT',
		}));
		const seen = new Set(bases.map((b) => `${b.id}/${b.phone}/${b.estado}/${b.direction}`));
		expect(seen.size).toBe(REPORTS);
		const copies = bases.flatMap((base) => Array.from({ length: 2 + rng.int(4) }, () => spelling(rng, base)));
		for (let i = copies.length - 1; i > 0; i--) {
			const j = rng.int(i + 1);
			[copies[i], copies[j]] = [copies[j], copies[i]];
		}
		while (copies.length) {
			const body = copies.splice(0, 1 + rng.int(3));
			const answer = await fetch(trigger.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.length === 1 ? body[0] : body) });
			expect(answer.status).toBe(200);
		}
		const started = trigger.started.flat().map((item) => item.fuzz as number);
		expect(started.length).toBe(REPORTS);
		expect(new Set(started).size).toBe(REPORTS);
		expect(trigger.thrown).toBe(0);
	}, 300_000);
});
