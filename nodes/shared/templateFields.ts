import type { INodeProperties } from 'n8n-workflow';

// Template fields that several providers' nodes declare alike: the resource mapper that shows a
// field per template variable, and version 1's template dropdown. Each provider gives its own
// names, texts and methods; the shape is here once.

/** The resource mapper with a field per variable of the chosen template. */
export function templateVariablesField(field: {
	displayName: string;
	name: string;
	description: string;
	/** The parameters whose change reloads the fields. */
	dependsOn: string[];
	method: string;
	supportAutoMap: boolean;
	/** n8n's red line when there are no fields; or hide it (the method then says why calmly). */
	noFields?: { error: string } | { hide: true };
	displayOptions: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: field.description,
		typeOptions: {
			loadOptionsDependsOn: field.dependsOn,
			resourceMapper: {
				resourceMapperMethod: field.method,
				mode: 'add',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: field.supportAutoMap,
				...(field.noFields && 'error' in field.noFields ? { noFieldsError: field.noFields.error } : {}),
				...(field.noFields && 'hide' in field.noFields ? { hideNoDataError: true } : {}),
			},
		},
		displayOptions: field.displayOptions,
	};
}

/** A dropdown of approved templates loaded by `method` (version 1's template field). */
export function templateDropdownField(field: {
	name: string;
	method: string;
	dependsOn?: string[];
	description: string;
	displayOptions: INodeProperties['displayOptions'];
}): INodeProperties {
	return {
		displayName: 'Template Name or ID',
		name: field.name,
		type: 'options',
		typeOptions: { loadOptionsMethod: field.method, ...(field.dependsOn ? { loadOptionsDependsOn: field.dependsOn } : {}) },
		default: '',
		required: true,
		description: field.description,
		displayOptions: field.displayOptions,
	};
}

/** The review-state filter of a template Get Many. */
export function templateStatusField(states: Array<{ name: string; value: string }>, description: string, displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [{ name: 'Any', value: 'any' }, ...states],
		default: 'any',
		description,
		displayOptions,
	};
}

/** The free-text message of a Send (each provider says what WhatsApp allows in its words). */
export function textMessageField(description: string, displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description,
		displayOptions,
	};
}
