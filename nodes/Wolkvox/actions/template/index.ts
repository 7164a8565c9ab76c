import { resource } from '../../../shared/operations';
import * as getMany from './getMany';
import * as sync from './sync';

export const template = resource('Template', 'template', 'getMany', [getMany, sync]);
