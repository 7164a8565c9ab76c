import { resource } from '../../../shared/operations';
import * as getMany from './getMany';
import * as getVariables from './getVariables';

export const template = resource('Template', 'template', 'getMany', [getMany, getVariables]);
