import type { INodeProperties } from 'n8n-workflow';
import { forVersion, V1 } from '../../shared/locator';
import { templateDisplay } from '../helpers/templates';

// Version 1's fields, frozen: the template as a dropdown (version 2 has a locator under the same
// name, shown for version 2 only). Saved version-1 workflows keep their plain template id.
const templateDropdown = (resource: 'message' | 'template', operation: string): INodeProperties => ({
	displayName: 'Template Name or ID',
	name: 'templateId',
	type: 'options',
	typeOptions: { loadOptionsMethod: resource === 'message' ? 'getApprovedTemplates' : 'getTemplates' },
	default: '',
	required: true,
	description:
		'Choose from the list, or specify the template ID (the number Mensatek lists it under) using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	displayOptions: forVersion(templateDisplay(resource, operation), V1),
});

/** Each shown for @version 1 only, just before the current field of the same name. */
export const VERSION_1_FIELDS: INodeProperties[] = [templateDropdown('message', 'send'), templateDropdown('template', 'getVariables')];
