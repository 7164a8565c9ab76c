import { resource } from '../../../shared/operations';
import * as getMany from './getMany';

export const template = resource('Template', 'template', 'getMany', [getMany]);
