import type { IDataObject } from 'n8n-workflow';

/**
 * What a send answer holds beyond `code`, `error` and `msg` (such as `data`), kept as Wolkvox sent
 * it (secrets already redacted by the transport) under `answer`. Whether a send answer carries the
 * id Wolkvox's webhook notifications use is not documented (facts.ts sendAnswerId is [open]), so
 * the node passes on whatever there is. Nothing is added when there is nothing more.
 */
export function answerRest(envelope: IDataObject): IDataObject {
	const rest = Object.fromEntries(Object.entries(envelope).filter(([key]) => !['code', 'error', 'msg'].includes(key)));
	return Object.keys(rest).length ? { answer: rest } : {};
}
