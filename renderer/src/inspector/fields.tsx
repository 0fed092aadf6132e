/**
 * Inspector fields: a number in display units (ms for times) with its unit, range and inline
 * validation; lists of numbers; text. Each field keeps what is typed locally and commits every
 * valid value at once (live), all edits while it has focus being one undo step (merge key).
 *
 * Text that cannot be stored (out of range, not a number) is never thrown away: it stays in the
 * field with a message naming the field and the allowed range, and is kept as a draft
 * (document/drafts.ts) so it survives a change of selection and blocks Run until it is fixed or
 * reverted with Escape. The panel around the fields says whose they are (`DraftOwnerContext`).
 */
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useStore } from 'zustand';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import {
  formatNumber,
  fromDisplay,
  rangeProblem,
  rangeText,
  shownUnit,
  toDisplay,
} from '../ui/format';
import { sealMergeCommand } from '../document/documentStore';
import { clearDraft, draftOf, draftStore, setDraft, type DraftOwner } from '../document/drafts';

/**
 * Follows outside changes of the stored value (undo, a preset, another field) while the field is
 * not being edited: `reset` puts the stored value back in place of what was typed. Changes made
 * while it has focus are the field's own commits and are not followed.
 */
function useFollow(shown: string, focused: boolean, reset: () => void): void {
  const last = useRef(shown);
  useEffect(() => {
    if (shown === last.current) return;
    last.current = shown;
    if (!focused) reset();
  });
}

/** Whose fields these are (the inspector's panel sets it); fields outside one keep no drafts. */
export const DraftOwnerContext = createContext<DraftOwner | null>(null);

/**
 * The field's draft (what was typed and why it cannot be stored) and how to keep or end it. The
 * text the field shows starts from the draft, so leaving and coming back shows the same text.
 */
function useDraft(fieldKey: string, label: string) {
  const owner = useContext(DraftOwnerContext);
  const draft = useStore(draftStore, (s) => draftOf(s, fieldKey));
  return {
    draft,
    keep(text: string, problem: string): void {
      if (owner) setDraft(fieldKey, { owner, field: label, text, problem });
    },
    clear(): void {
      clearDraft(fieldKey);
    },
  };
}

/**
 * The text a typed field shows and its problem: it starts from the field's draft, follows the
 * stored value while the field is not being edited, and `refuse` keeps typed text that cannot be
 * stored (as a draft) while `accept` and `revert` end the draft.
 */
function useFieldText(fieldKey: string, label: string, shown: string) {
  const { draft, keep, clear } = useDraft(fieldKey, label);
  const [text, setText] = useState(draft?.text ?? shown);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(draft?.problem ?? null);
  const accept = (): void => {
    setError(null);
    clear();
  };
  const revert = (): void => {
    setText(shown);
    accept();
  };
  useFollow(shown, focused, revert);
  return {
    text,
    setText,
    error,
    setFocused,
    accept,
    revert,
    refuse(next: string, problem: string): void {
      setError(problem);
      keep(next, problem);
    },
  };
}

let sessionCounter = 0;

/** A merge key per focus of a field: typing "0.05" is one undo step, the next visit another. */
export function useEditSession(fieldKey: string) {
  const session = useRef(0);
  return {
    key: (): string => {
      if (session.current === 0) session.current = ++sessionCounter;
      return `${fieldKey}#${session.current}`;
    },
    onFocus: (): void => {
      session.current = ++sessionCounter;
    },
    onBlur: (): void => {
      session.current = 0;
      sealMergeCommand();
    },
  };
}

function FieldRow({
  id,
  label,
  unit,
  hint,
  error,
  meaning,
  children,
}: {
  id: string;
  label: string;
  unit?: string;
  hint?: string;
  error?: string | null;
  meaning?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label" title={meaning}>
        <span className="field__name">{label}</span>
        {unit ? <span className="field__unit"> ({unit})</span> : null}
      </label>
      <div className="field__control">
        {children}
        {hint ? <span className="field__range">{hint}</span> : null}
      </div>
      {meaning ? <div className="field__meaning">{meaning}</div> : null}
      {error ? (
        <div className="field__error" role="alert" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

export interface NumberFieldProps {
  fieldKey: string;
  spec: ParamSpec;
  /** Label shown (default: the spec's name). */
  label?: string;
  /** Stored value; undefined shows the default as a placeholder. */
  value: number | undefined;
  /** Several selected elements disagree. */
  mixed?: boolean;
  /** Empty text: remove the value (back to default / optional field absent). */
  allowEmpty?: boolean;
  unitOverride?: string;
  /** An extra check on the stored value (e.g. a cross-field rule). */
  check?: (stored: number) => string | null;
  onCommit(stored: number | undefined, mergeKey: string): void;
}

/** A number shown in display units; commits stored (file) units. */
export function NumberField(props: NumberFieldProps) {
  const { spec, value, mixed, allowEmpty = true, onCommit, fieldKey, check } = props;
  const id = useId();
  const session = useEditSession(fieldKey);
  const label = props.label ?? spec.name;
  const shown = value === undefined ? '' : formatNumber(toDisplay(spec, value), 12);
  const { text, setText, error, setFocused, accept, revert, refuse } = useFieldText(
    fieldKey,
    label,
    shown,
  );
  const unit = props.unitOverride ?? shownUnit(spec);
  const range = rangeText(spec);
  const placeholder = mixed ? 'mixed' : `${formatNumber(toDisplay(spec, spec.default))} (default)`;
  const onChange = (next: string): void => {
    setText(next);
    const parsed = parseNumber(next);
    const allowed = range ? ` ${range}${unit ? ` ${unit}` : ''}` : '';
    if (parsed === null) {
      if (allowEmpty) {
        accept();
        onCommit(undefined, session.key());
      } else refuse(next, `${label} needs a value${allowed ? `:${allowed}` : ''}`);
      return;
    }
    if (Number.isNaN(parsed)) {
      // "must be a number > 0 ms", "must be a whole number, 0 to 10" (rangeText)
      refuse(next, `${label} must be ${spec.integer && range ? 'a' : 'a number'}${allowed}`);
      return;
    }
    const stored = fromDisplay(spec, parsed);
    const inRange = rangeProblem(spec, stored);
    const other = inRange ? null : (check?.(stored) ?? null);
    const problem = inRange ? `${label} ${inRange}` : other ? `${label}: ${other}` : null;
    if (problem) {
      refuse(next, problem);
      return;
    }
    accept();
    onCommit(stored, session.key());
  };
  return (
    <FieldRow id={id} label={label} unit={unit} hint={range} error={error} meaning={spec.meaning}>
      <input
        id={id}
        className="field__input"
        data-field-key={fieldKey}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        title={error ? `${error} (Escape: back to the stored value)` : undefined}
        onFocus={() => {
          setFocused(true);
          session.onFocus();
        }}
        onBlur={() => {
          setFocused(false);
          session.onBlur();
          if (!error) setText(shown);
        }}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          if (e.key === 'Escape' && error) revert();
        }}
      />
    </FieldRow>
  );
}

/** "1, 2.5, 3" or "1 2.5 3" -> numbers (null when a part is not a number). */
export function parseList(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const values = parts.map((p) => Number(p.replace(/\u2212/g, '-')));
  return values.some((v) => !Number.isFinite(v)) ? null : values;
}

export interface ListFieldProps {
  fieldKey: string;
  label: string;
  unit?: string;
  meaning?: string;
  /** Stored values (already in file units). */
  value: number[] | undefined;
  /** Shown = stored * scale. */
  scale?: number;
  /** Why these values cannot be used (in stored units), or null. */
  check?: (stored: number[]) => string | null;
  onCommit(stored: number[], mergeKey: string): void;
  multiline?: boolean;
}

export function ListField(props: ListFieldProps) {
  const { value, scale = 1, check, onCommit, fieldKey } = props;
  const id = useId();
  const session = useEditSession(fieldKey);
  const shown = (value ?? []).map((v) => formatNumber(v * scale, 12)).join(', ');
  const field = useFieldText(fieldKey, props.label, shown);
  const { text, setText, error, setFocused, accept, revert } = field;
  const refuse = (next: string, problem: string): void =>
    field.refuse(next, `${props.label}: ${problem}`);
  const onChange = (next: string): void => {
    setText(next);
    const parsed = parseList(next);
    if (!parsed) {
      refuse(next, 'numbers separated by commas or spaces');
      return;
    }
    const stored = parsed.map((v) => (scale === 1 ? v : Number((v / scale).toPrecision(15))));
    const problem = check?.(stored) ?? null;
    if (problem) {
      refuse(next, problem);
      return;
    }
    accept();
    onCommit(stored, session.key());
  };
  return (
    <FieldRow id={id} label={props.label} unit={props.unit} error={error} meaning={props.meaning}>
      <input
        id={id}
        className="field__input field__input--wide"
        data-field-key={fieldKey}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onFocus={() => {
          setFocused(true);
          session.onFocus();
        }}
        onBlur={() => {
          setFocused(false);
          session.onBlur();
        }}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && error) revert();
        }}
      />
    </FieldRow>
  );
}

export interface TextFieldProps {
  fieldKey: string;
  label: string;
  value: string;
  placeholder?: string;
  multiline?: boolean;
  /** Commit only on blur/Enter (ids), not on every keystroke. */
  commitOnBlur?: boolean;
  check?: (text: string) => string | null;
  onCommit(text: string, mergeKey: string): void;
}

export function TextField(props: TextFieldProps) {
  const { value, onCommit, fieldKey, commitOnBlur, check } = props;
  const id = useId();
  const session = useEditSession(fieldKey);
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastValue, setLastValue] = useState(value);
  if (!focused && value !== lastValue) {
    setLastValue(value);
    setText(value);
    setError(null);
  }
  const change = (next: string): void => {
    setText(next);
    const problem = check?.(next) ?? null;
    setError(problem);
    if (!problem && !commitOnBlur) onCommit(next, session.key());
  };
  const common = {
    id,
    className: 'field__input field__input--wide',
    value: text,
    placeholder: props.placeholder,
    spellCheck: !commitOnBlur,
    'aria-invalid': error ? true : undefined,
    onFocus: () => {
      setFocused(true);
      session.onFocus();
    },
    onBlur: () => {
      setFocused(false);
      if (commitOnBlur && !error && text !== value) onCommit(text, session.key());
      if (error) setText(value);
      setError(null);
      session.onBlur();
    },
  };
  return (
    <FieldRow id={id} label={props.label} error={error}>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            if (e.key === 'Escape') {
              setText(value);
              setError(null);
            }
          }}
        />
      )}
    </FieldRow>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T | '';
  options: readonly { value: T; label: string }[];
  meaning?: string;
  onChange(value: T): void;
}) {
  const id = useId();
  return (
    <FieldRow id={id} label={props.label} meaning={props.meaning}>
      <select
        id={id}
        className="field__input field__input--wide"
        value={props.value}
        // The choice in full where the column cuts it ("LIF (leaky integrate-an").
        title={props.options.find((o) => o.value === props.value)?.label}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.value === '' && <option value="">mixed</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
