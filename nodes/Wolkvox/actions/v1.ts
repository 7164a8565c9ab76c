import type { INodeProperties } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { forVersion, V1 } from '../../shared/locator';

/**
 * Version 1's own fields, frozen: each is shown for @version 1 only, under the name version 2 on
 * uses for its replacement, so a saved version-1 workflow reads the same parameter as before.
 */
export const v1Fields: INodeProperties[] = [
	// Send Template: the template as a plain dropdown (later versions: a resource locator).
	{
		displayName: 'Template Name or ID',
		name: 'templateName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates', loadOptionsDependsOn: ['connectorId'] },
		default: '',
		required: true,
		description:
			'An approved template of the connector (the list is loaded for the Connector ID above, which uses one call of the daily budget). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forVersion(showFor('message', ['sendTemplate']), V1),
	},
];
