import type { INodeProperties } from 'n8n-workflow';
import { showFor } from '../../shared/description';
import { forVersion, V1 } from '../../shared/locator';
import { templateDropdown } from '../helpers/fields';

/**
 * Version 1's own fields, frozen: each is shown for @version 1 only, under the name version 2 on
 * uses for its replacement, so a saved version-1 workflow reads the same parameter as before.
 */
export const v1Fields: INodeProperties[] = [
	// Send Template: the template as a plain dropdown (later versions: a resource locator).
	templateDropdown(forVersion(showFor('message', ['sendTemplate']), V1)),
];
