/**
 * The palette: every node kind of the spec. Drag a tile onto the canvas, or click it (or focus it
 * and press Enter) to add it at the centre of the view. The rate neuron's activation is picked here.
 */
import { modelById } from '../../../shared/models/registry';
import { useState } from 'react';
import type { Activation } from '../../../shared/document/model';
import {
  isPopulationActivation,
  POPULATION_ACTIVATIONS,
  SINGLE_ACTIVATIONS,
} from '../../../shared/models/activations';
import { addFromPalette } from '../editor/actions';
import { PALETTE, type PaletteGroup } from '../editor/catalogue';
import { PALETTE_MIME } from './CircuitCanvas';
import './editor.css';

const GROUPS: PaletteGroup[] = ['Neurons', 'Populations', 'Inputs', 'Other'];

export function Palette() {
  const [activation, setActivation] = useState<Activation>('logistic');
  const activationFor = (key: string): Activation | undefined => {
    const population = key.startsWith('pop-');
    const model = modelById(population ? key.slice(4) : key);
    if (!model?.hasActivation) return undefined;
    if (!population && isPopulationActivation(activation)) return 'logistic';
    return activation;
  };
  return (
    <nav className="palette" aria-label="palette">
      <h2 className="panel-title">Add</h2>
      {GROUPS.map((group) => (
        <section key={group} className="palette__group" aria-label={group}>
          <h3 className="palette__group-title">{group}</h3>
          <ul className="palette__list">
            {PALETTE.filter((item) => item.group === group).map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  className={`palette__item palette__item--${item.key}`}
                  draggable
                  onDragStart={(e) => {
                    const a = activationFor(item.key);
                    e.dataTransfer.setData(PALETTE_MIME, a ? `${item.key}:${a}` : item.key);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => void addFromPalette(item.key, undefined, activationFor(item.key))}
                  title={`${item.hint}. Drag onto the canvas, or click to add at the centre.`}
                >
                  <span className="palette__badge" aria-hidden="true">
                    {item.badge}
                  </span>
                  <span className="sr-only">Add </span>
                  <span className="palette__text">
                    <span className="palette__label">{item.label}</span>
                    <span className="palette__hint">{item.hint}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {group === 'Neurons' && (
            <label className="palette__activation">
              <span>Rate activation</span>
              <select
                value={activation}
                onChange={(e) => setActivation(e.target.value as Activation)}
                aria-label="rate activation"
              >
                {SINGLE_ACTIVATIONS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
                {POPULATION_ACTIVATIONS.map((a) => (
                  <option key={a} value={a}>
                    {a} (populations)
                  </option>
                ))}
              </select>
            </label>
          )}
        </section>
      ))}
    </nav>
  );
}
