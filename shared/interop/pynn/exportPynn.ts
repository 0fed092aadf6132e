/** PyNN export (placeholder until the exporter lands): every circuit is refused. */
import type { NetworkDocument } from '../../document/model';
import type { ExportResult, InputsMode, MappingLine } from '../network';

export function exportPynn(
  doc: NetworkDocument,
  _options: { inputs?: InputsMode; sourceName?: string } = {},
): ExportResult {
  const problems: MappingLine[] = doc.nodes.map((n, i) => ({
    kind: 'node',
    id: n.id,
    path: `nodes[${i}]`,
    ok: false,
    text: 'the PyNN exporter is not available yet',
  }));
  return { ok: false, problems, lines: problems };
}
