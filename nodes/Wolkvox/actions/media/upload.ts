import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import { InputError } from '../../../shared/errors';
import type { ItemResult } from '../../../shared/items';
import { wolkvoxCall } from '../../transport';
import { nodeParameter } from '../../../shared/params';
import { checkUrl, connectorField, readConnectorId } from '../fields';

export const description: INodeProperties[] = [
	connectorField('media', ['upload']),
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/file.pdf',
		description: 'The address of the file in Wolkvox storage, to register as reusable media of the connector',
		displayOptions: showFor('media', ['upload']),
	},
];

/**
 * `upload_media` [doc]. The shape of its answer is not documented [open], so the node returns the
 * whole answer as Wolkvox gives it (`code`, `error`, `msg`, `data`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const fileUrl = checkUrl(nodeParameter(this, 'fileUrl', itemIndex, ''), 'File URL');
	if (!fileUrl) throw new InputError('File URL', 'is empty', 'Give the address of the file in Wolkvox storage.');
	return wolkvoxCall(this, {
		api: 'upload_media',
		method: 'POST',
		params: { connector_id: connectorId, file_url: fileUrl },
		kind: 'send',
	});
}
