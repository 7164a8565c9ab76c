import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { showFor } from '../../../shared/description';
import type { ItemResult } from '../../../shared/items';
import { wolkvoxCall } from '../../transport';
import { nodeParameter } from '../../../shared/params';
import { checkUrl } from '../../../shared/validation';
import { connectorField, readConnectorId } from '../../helpers/fields';

export const option = {
	name: 'Upload',
	value: 'upload',
	description: 'Get a sample handle of a file in Wolkvox storage, for creating templates (not for sending)',
	action: 'Upload a media file',
};

export const description: INodeProperties[] = [
	connectorField('media', ['upload']),
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/file.pdf',
		description: 'The address of the file in Wolkvox storage, for a sample of a template\'s media header',
		displayOptions: showFor('media', ['upload']),
	},
	{
		displayName:
			'Gives a Meta sample handle for creating templates (a template\'s media header example), not a file a message can attach. The node returns Wolkvox\'s whole answer: which field of data holds the handle is not documented.',
		name: 'uploadNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('media', ['upload']),
	},
];

/**
 * `upload_media` [doc]: a Meta sample handle for creating templates, not something a send attaches.
 * The field of `data` that holds it is not documented [open], so the node returns the whole answer
 * as Wolkvox gives it (`code`, `error`, `msg`, `data`).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const connectorId = readConnectorId(this, itemIndex);
	const fileUrl = checkUrl(nodeParameter(this, 'fileUrl', itemIndex, ''), 'File URL', {
		hint: 'Give the full https:// address of the file in Wolkvox storage.',
	});
	return wolkvoxCall(this, {
		api: 'upload_media',
		method: 'POST',
		params: { connector_id: connectorId, file_url: fileUrl },
		kind: 'send',
	});
}
