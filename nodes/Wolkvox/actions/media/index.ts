import { resource } from '../../../shared/operations';
import * as upload from './upload';

export const media = resource('Media', 'media', 'upload', [upload]);
