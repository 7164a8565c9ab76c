import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../shared/items';
import { readTemplateId, templateInfoOfRun, templateLocator } from '../../helpers/templates';

export const option = { name: 'Get Variables', value: 'getVariables', action: 'Get the variables of a template' };

export const description: INodeProperties[] = [templateLocator('template', 'getVariables')];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult> {
	const { template, variables } = await templateInfoOfRun(this, readTemplateId(this, itemIndex));
	return { ...template, Variables: variables };
}
