/**
 * The model, activation, presets and params of selected neurons or populations of one model.
 */
import type { Activation, NetworkNode, NeuronModel } from '../../../shared/document/model';
import { POPULATION_ACTIVATIONS, SINGLE_ACTIVATIONS } from '../../../shared/models/activations';
import { MODEL_LIST, MODEL_PARAMS, MODELS } from '../../../shared/models/registry';
import { setModel, setParams, updateNodes } from '../document/commands';
import { applyCommand } from '../document/documentStore';
import { SelectField } from './fields';
import { ParamEditor } from './ParamEditor';

export function NeuronParams({ nodes, model }: { nodes: NetworkNode[]; model: NeuronModel }) {
  const ids = nodes.map((n) => n.id);
  const activations = nodes.every((n) => n.kind === 'population')
    ? [...SINGLE_ACTIVATIONS, ...POPULATION_ACTIVATIONS]
    : SINGLE_ACTIVATIONS;
  const activation = nodes.map((n) =>
    n.kind === 'neuron' || n.kind === 'population' ? (n.activation ?? 'logistic') : 'logistic',
  );
  return (
    <>
      <SelectField
        label="model"
        value={model}
        options={MODEL_LIST.map((m) => ({ value: m.id as NeuronModel, label: m.label }))}
        meaning="switching the model starts its params from the defaults"
        onChange={(m) => applyCommand(setModel, { ids, model: m })}
      />
      {MODELS[model].hasActivation && (
        <SelectField<Activation>
          label="activation"
          value={activation.every((a) => a === activation[0]) ? activation[0]! : ''}
          options={activations.map((a) => ({ value: a, label: a }))}
          meaning="sigma in y = sigma(z)"
          onChange={(a) => applyCommand(updateNodes, { ids, patch: { activation: a } })}
        />
      )}
      <div className="inspector__presets" role="group" aria-label="presets">
        {MODELS[model].presets.map((p) => (
          <button
            key={p.label}
            type="button"
            onClick={() => applyCommand(setParams, { ids, values: p.params })}
          >
            {p.label}
          </button>
        ))}
      </div>
      <h3 className="inspector__section">Parameters</h3>
      {MODEL_PARAMS[model].map((spec) => (
        <ParamEditor key={spec.name} spec={spec} nodes={nodes} />
      ))}
    </>
  );
}
