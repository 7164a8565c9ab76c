import type { IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { InputError } from '../../shared/errors';
import { checkText, nodeParameter } from '../../shared/params';
import { templateDropdownField } from '../../shared/templateFields';
import { normalizePhone } from '../../shared/phone';

/** The WhatsApp connector (line) an operation works on: a required numeric ID [code]. */
export function connectorField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Connector ID',
		name: 'connectorId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1001',
		description:
			'The numeric ID of the WhatsApp connector (the line) in wolkvox Manager',
		displayOptions: showFor(resource, operations),
	};
}

export function readConnectorId(ctx: IExecuteFunctions, itemIndex: number): string {
	return checkConnectorId(nodeParameter(ctx, 'connectorId', itemIndex, ''));
}

export function checkConnectorId(raw: unknown): string {
	const text = checkText(raw, 'Connector ID').trim();
	if (!text) {
		throw new InputError('Connector ID', 'is empty', 'Give the numeric ID of the WhatsApp connector in wolkvox Manager, e.g. 1001.');
	}
	if (!/^\d+$/.test(text)) {
		throw new InputError(
			'Connector ID',
			`"${text}" is not a connector ID`,
			'Wolkvox identifies connectors by number: use digits only, e.g. 1001.',
		);
	}
	return text;
}

/** The Connector ID on screen, for the editor's lists: an error that says to enter it first. */
export function editorConnectorId(ctx: ILoadOptionsFunctions): string {
	try {
		return checkConnectorId(ctx.getCurrentNodeParameter('connectorId'));
	} catch (error) {
		const hint = error instanceof InputError ? ` ${error.hint}` : '';
		throw new NodeOperationError(ctx.getNode(), `Enter the Connector ID first to load its templates.${hint}`);
	}
}

/** A dropdown of the connector's approved templates (methods/loadOptions.ts getTemplates). */
export function templateDropdown(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return templateDropdownField({
		name: 'templateName',
		method: 'getTemplates',
		dependsOn: ['connectorId'],
		description:
			'An approved template of the connector (the list is loaded for the Connector ID above, which uses one call of the daily budget). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions,
	});
}

export function phoneField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +57 300 123 4567',
		description:
			'The customer\'s number with its country code. Spaces, dashes, brackets and a leading + or 00 are removed before sending.',
		displayOptions: showFor(resource, operations),
	};
}

/** Wolkvox wants the country code and number as digits only, without + [code]. */
export function readPhone(ctx: IExecuteFunctions, itemIndex: number): string {
	return normalizePhone(nodeParameter(ctx, 'phone', itemIndex, ''), 'Phone Number');
}

export function attachmentUrlField(resource: string, operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Attachment URL',
		name: 'attachmentUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/files/invoice.pdf',
		description,
		displayOptions: showFor(resource, operations),
	};
}
