// A main/ file importing the renderer: forbidden.
import { App } from '../../renderer/src/App';

export const app = App;
