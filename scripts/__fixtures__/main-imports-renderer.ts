// A main/ file importing the renderer: forbidden.
import { App } from '../../renderer/src/app/App';

export const app = App;
