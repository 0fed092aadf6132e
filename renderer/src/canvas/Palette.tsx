/**
 * The palette: every node kind of the spec. Drag a tile onto the canvas, or click it (or focus it
 * and press Enter) to add it at the centre of the view. The rate neuron's activation is picked here.
 * Compact (issue 15, item 11): two columns of short tiles, each named in full for assistive
 * technology and in its tooltip, so every kind is in reach without scrolling at 1440x900; the
 * whole palette collapses to a narrow rail (PanelToggle.tsx).
 */
import { modelById } from '../../../shared/models/registry';
import { useState } from 'react';
import type { Activation } from '../../../shared/document/model';
import {
  isPopulationActivation,
  POPULATION_ACTIVATIONS,
  SINGLE_ACTIVATIONS,
} from '../../../shared/models/activations';
import { addPaletteChoice } from '../document/actions';
import { useServices } from '../run/services';
import { PALETTE, type PaletteGroup } from '../document/catalogue';
import { PALETTE_MIME, SCOPE_DRAG_MIME } from './CircuitCanvas';
import { PanelToggle } from '../ui/PanelToggle';
import './editor.css';

const GROUPS: PaletteGroup[] = ['Neurons', 'Populations', 'Inputs', 'Other'];

export interface PaletteProps {
  open: boolean;
  onToggle: (open: boolean) => void;
}

export function Palette({ open, onToggle }: PaletteProps) {
  const [activation, setActivation] = useState<Activation>('logistic');
  const { canvas } = useServices();
  /** The activation chosen, for the items that have one (addPaletteChoice resolves the rest). */
  const activationFor = (key: string): Activation | undefined =>
    modelById(key.startsWith('pop-') ? key.slice(4) : key)?.hasActivation ? activation : undefined;
  return (
    <nav className={`palette${open ? '' : ' palette--collapsed'}`} aria-label="palette">
      <div className="palette__head">
        {open && <h2 className="panel-title">Add</h2>}
        <PanelToggle panel="palette" open={open} onToggle={onToggle} controls="palette-body" />
      </div>
      <div id="palette-body" className="palette__body" hidden={!open}>
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
                      if (item.key === 'probe') e.dataTransfer.setData(SCOPE_DRAG_MIME, 'probe');
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() =>
                      void addPaletteChoice(canvas, item.key, undefined, activationFor(item.key))
                    }
                    aria-label={`Add ${item.label}`}
                    title={`${item.label}: ${item.hint}. Drag onto the canvas, or click to add at the centre.`}
                  >
                    <span className="palette__short" aria-hidden="true">
                      {item.short}
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
                  title={
                    isPopulationActivation(activation)
                      ? `${activation} (Rate populations only)`
                      : activation
                  }
                >
                  {SINGLE_ACTIVATIONS.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                  {/* Grouped, not "softmax (populations only)" in each option: the closed select
                      showed "softmax (population" cut at the palette's width (walkthrough 5). */}
                  <optgroup label="populations only">
                    {POPULATION_ACTIVATIONS.map((a) => (
                      <option key={a} value={a} title={`${a}: for Rate populations only`}>
                        {a}
                      </option>
                    ))}
                  </optgroup>
                </select>
                {isPopulationActivation(activation) && (
                  <span className="palette__activation-note" role="note">
                    {activation} needs a population: a single Rate neuron is added as logistic.
                  </span>
                )}
              </label>
            )}
          </section>
        ))}
      </div>
    </nav>
  );
}
