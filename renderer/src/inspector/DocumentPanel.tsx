/**
 * The panel with nothing selected: the circuit's name, description and author, and the
 * simulation's dt, duration and seed with the number of steps they make.
 */
import type { NetworkDocument } from '../../../shared/document/model';
import { SIMULATION_PARAMS } from '../../../shared/models/paramSpecs';
import { gridSteps } from '../../../shared/document/admission';
import { formatNumber } from '../ui/format';
import { setDocumentInfo, setSimulation } from '../document/commands';
import { dtWarning, recordingsText } from '../document/stateMessages';
import { applyCommand } from '../document/documentStore';
import { TextField, NumberField } from './fields';
import { plural } from './inspectorText';
import { WarningIcon } from '../ui/icons';

export function DocumentPanel({ doc }: { doc: NetworkDocument }) {
  // the rule validation applies (docs/format.md#time)
  const { steps, whole } = gridSteps(doc.simulation.duration, doc.simulation.dt);
  return (
    <>
      <h2 className="panel-title">Circuit</h2>
      <TextField
        fieldKey="doc:name"
        label="name"
        value={doc.name ?? ''}
        placeholder="Untitled circuit"
        onCommit={(t, mk) => applyCommand(setDocumentInfo, { name: t }, mk)}
      />
      <TextField
        fieldKey="doc:description"
        label="description"
        value={doc.description ?? ''}
        multiline
        onCommit={(t, mk) => applyCommand(setDocumentInfo, { description: t }, mk)}
      />
      <TextField
        fieldKey="doc:author"
        label="author"
        value={doc.author ?? ''}
        placeholder="for hand-in"
        onCommit={(t, mk) => applyCommand(setDocumentInfo, { author: t }, mk)}
      />
      <h3 className="inspector__section">Simulation</h3>
      {SIMULATION_PARAMS.map((spec) => (
        <NumberField
          key={spec.name}
          fieldKey={`sim:${spec.name}`}
          spec={spec}
          value={doc.simulation[spec.name as 'dt' | 'duration' | 'seed']}
          allowEmpty={false}
          onCommit={(v, mk) =>
            v !== undefined && applyCommand(setSimulation, { [spec.name]: v }, mk)
          }
        />
      ))}
      <p className={`inspector__note${whole ? '' : ' inspector__note--warn'}`}>
        {whole ? (
          `${formatNumber(steps)} steps of ${formatNumber(doc.simulation.dt * 1000)} ms.`
        ) : (
          <>
            <WarningIcon /> The duration must be a whole number of steps dt.
          </>
        )}
      </p>
      {dtWarning(doc) && (
        <p className="inspector__hint inspector__hint--warn" role="note">
          {dtWarning(doc)}
        </p>
      )}
      <p className="inspector__note">
        {plural(doc.nodes.length, 'node')} · {plural(doc.edges.length, 'synapse')} ·{' '}
        {recordingsText(doc)}. Select an element to edit it.
      </p>
    </>
  );
}
