import type { INodeProperties } from 'n8n-workflow';
import { resourceProperties, withFrozenFields } from '../../shared/operations';
import { PROVEN } from '../proven';
import { account } from './account';
import { customFunction } from './customFunction';
import { message } from './message';
import { template } from './template';
import { VERSION_1_FIELDS } from './v1';

/** The node's resources, in the order of its Resource menu. */
export const RESOURCES = [account, customFunction, message, template];

/** The node's fields: the notice, the menus, each operation's fields, version 1's frozen ones. */
export const properties: INodeProperties[] = [
	{ displayName: PROVEN, name: 'provenNotice', type: 'notice', default: '' },
	...withFrozenFields(resourceProperties(RESOURCES, 'message'), VERSION_1_FIELDS),
];
