import { resource } from '../../../shared/operations';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const contact = resource('Contact', 'contact', 'create', [create, del, get, getMany, update]);
