import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { returnAllFields, showFor } from '../../../shared/description';
import type { CallContext } from '../../../shared/http';
import type { ItemResult } from '../../../shared/items';
import { readOption, wantedRows } from '../../../shared/params';
import { FACTS } from '../../facts';
import { mensatekCall, objectField } from '../../transport';

// Meta's review states as Mensatek lists them [doc]; only APPROVED templates can be sent.
const STATES: readonly string[] = FACTS.templateStates.value;
const APPROVED = FACTS.templateApproved.value;

export const description: INodeProperties[] = [
	...returnAllFields('template', 'getMany'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			...STATES.map((state) => ({ name: state[0] + state.slice(1).toLowerCase(), value: state })),
		],
		default: 'any',
		description: 'Only templates in this review state at Meta. Only approved templates can be sent.',
		displayOptions: showFor('template', ['getMany']),
	},
];

/** Every template of the account, one row each, with its id (the key Mensatek lists it under). */
export async function allTemplates(ctx: CallContext): Promise<IDataObject[]> {
	const answer = await mensatekCall(ctx, 'GetPlantillasWhatsapp', {}, 'read');
	return Object.entries(objectField(answer.Plantillas)).map(([id, template]) => ({ id, ...(template as IDataObject) }));
}

export const isApproved = (template: IDataObject) =>
	String(template.Estado ?? '').toUpperCase() === APPROVED.Estado || String(template.Verificada) === APPROVED.Verificada;

// One list call per run, however many items ask: Mensatek treats repeated identical calls as spam.
const listOfRun = new WeakMap<object, Promise<IDataObject[]>>();

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	let list = listOfRun.get(this);
	if (!list) listOfRun.set(this, (list = allTemplates(this)));
	const status = readOption(this, 'status', itemIndex, 'Status', ['any', ...STATES]);
	const rows = (await list).filter((t) => status === 'any' || String(t.Estado ?? '').toUpperCase() === status);
	return rows.slice(0, wantedRows(this, itemIndex));
}
