import { resource } from '../../../shared/operations';
import * as get from './get';
import * as getMany from './getMany';
import * as updateStatus from './updateStatus';

export const conversation = resource('Conversation', 'conversation', 'getMany', [get, getMany, updateStatus]);
