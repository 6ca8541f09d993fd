import { CURVE_INPUTS, type TuningLevel } from '../../../scenes/index.ts';
import { SOUND_BEDS } from '../../architect/spec.ts';
import {
  getField,
  humanize,
  LEVEL_LABELS,
  numberFromInput,
  pathKey,
  type CurveField,
  type FieldPath,
  type SceneFields,
} from './spec-draft.ts';

export type EditField = (path: FieldPath, value: unknown) => void;

interface FieldProps {
  value: unknown;
  errors: ReadonlyMap<string, string[]>;
  onEdit: EditField;
}

/** A control's id, from its field path: `palette.dread.glow` → `spec-palette-dread-glow`. */
function fieldId(path: FieldPath): string {
  return `spec-${pathKey(path).replace(/[^\w-]+/g, '-')}`;
}

/** The field's own errors, beside its control; the control points at them with aria-describedby. */
function FieldError({ path, errors }: { path: FieldPath; errors: ReadonlyMap<string, string[]> }) {
  const mine = errors.get(pathKey(path));
  if (!mine) return null;
  return (
    <span className="field-error" id={`${fieldId(path)}-error`} data-testid={`field-error-${pathKey(path)}`}>
      {mine.join('; ')}
    </span>
  );
}

function invalidProps(path: FieldPath, errors: ReadonlyMap<string, string[]>) {
  return errors.has(pathKey(path))
    ? { 'aria-invalid': true, 'aria-describedby': `${fieldId(path)}-error` }
    : {};
}

function shown(v: unknown): string {
  return typeof v === 'number' || typeof v === 'string' ? String(v) : '';
}

/** A step of about a hundredth of the range, a round power of ten, so arrow keys move the value usefully. */
function stepFor(min: number, max: number): number {
  return 10 ** Math.floor(Math.log10((max - min) / 100));
}

function NumberField({
  path,
  label,
  name,
  min,
  max,
  value,
  errors,
  onEdit,
}: FieldProps & { path: FieldPath; label: string; name: string; min: number; max: number }) {
  return (
    <label className="spec-number">
      <span>{label}</span>
      <input
        id={fieldId(path)}
        type="number"
        min={min}
        max={max}
        step={stepFor(min, max)}
        aria-label={name}
        value={shown(getField(value, path))}
        data-testid={`field-${pathKey(path)}`}
        onChange={(e) => onEdit(path, numberFromInput(e.currentTarget.value))}
        {...invalidProps(path, errors)}
      />
      <FieldError path={path} errors={errors} />
    </label>
  );
}

function ColourField({
  level,
  name,
  value,
  errors,
  onEdit,
}: FieldProps & { level: TuningLevel; name: string }) {
  const path = ['palette', level, name];
  const v = getField(value, path);
  const hex = typeof v === 'string' ? v : '';
  const label = `${LEVEL_LABELS[level]} ${humanize(name)}`;
  return (
    <div className="spec-colour">
      <input
        type="color"
        aria-label={`${label} colour picker`}
        value={/^#[0-9a-f]{6}$/i.test(hex) ? hex.toLowerCase() : '#000000'}
        onChange={(e) => onEdit(path, e.currentTarget.value)}
      />
      <label htmlFor={fieldId(path)}>{humanize(name)}</label>
      <input
        id={fieldId(path)}
        type="text"
        size={8}
        spellCheck={false}
        aria-label={`${label} colour (#rrggbb)`}
        value={hex}
        data-testid={`field-${pathKey(path)}`}
        onChange={(e) => onEdit(path, e.currentTarget.value)}
        {...invalidProps(path, errors)}
      />
      <FieldError path={path} errors={errors} />
    </div>
  );
}

function CurveFieldset({ field, value, errors, onEdit }: FieldProps & { field: CurveField }) {
  const { name, range } = field;
  const base = ['curves', name];
  const curve = getField(value, base);
  const input = getField(value, [...base, 'input']);
  const points = getField(value, [...base, 'points']);
  return (
    <fieldset className="spec-curve">
      <legend>
        {humanize(name)}: {range.meaning} ({range.min} to {range.max})
      </legend>
      <FieldError path={base} errors={errors} />
      {curve === undefined ? (
        <p className="spec-note">Not set: the scene's own curve applies. Add it in the JSON below.</p>
      ) : (
        <>
          <label className="spec-number">
            <span>follows</span>
            <select
              id={fieldId([...base, 'input'])}
              aria-label={`${humanize(name)} follows`}
              value={shown(input)}
              onChange={(e) => onEdit([...base, 'input'], e.currentTarget.value)}
              {...invalidProps([...base, 'input'], errors)}
            >
              {!(CURVE_INPUTS as readonly unknown[]).includes(input) && (
                <option value={shown(input)}>?</option>
              )}
              {CURVE_INPUTS.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
            <FieldError path={[...base, 'input']} errors={errors} />
          </label>
          <FieldError path={[...base, 'points']} errors={errors} />
          {Array.isArray(points) &&
            points.map((p: unknown, i) => (
              <NumberField
                key={i}
                path={[...base, 'points', i, 1]}
                label={`at ${shown(input)} ${shown(Array.isArray(p) ? p[0] : '?')}`}
                name={`${humanize(name)} at ${shown(input)} ${shown(Array.isArray(p) ? p[0] : '?')}`}
                min={range.min}
                max={range.max}
                value={value}
                errors={errors}
                onEdit={onEdit}
              />
            ))}
          {Array.isArray(points) &&
            points.map((_, i) => <FieldError key={i} path={[...base, 'points', i, 0]} errors={errors} />)}
        </>
      )}
    </fieldset>
  );
}

/** Form controls for the spec's main mapping parameters; anything else is edited in the JSON. */
export function SpecForm({
  fields,
  value,
  errors,
  onEdit,
  disabled,
}: FieldProps & { fields: SceneFields; disabled: boolean }) {
  const enabled = getField(value, ['sound', 'enabled']);
  const bed = getField(value, ['sound', 'bed']);
  return (
    <fieldset className="spec-form" disabled={disabled}>
      <legend className="sr-only">Spec fields</legend>
      <label className="spec-number spec-name">
        <span>Name</span>
        <input
          id={fieldId(['name'])}
          type="text"
          aria-label="Spec name"
          value={shown(getField(value, ['name']))}
          data-testid="field-name"
          onChange={(e) => onEdit(['name'], e.currentTarget.value)}
          {...invalidProps(['name'], errors)}
        />
        <FieldError path={['name']} errors={errors} />
      </label>

      <h3>Palette</h3>
      {fields.levels.map((level) => (
        <details key={level} className="spec-palette" open={level === 'dread'}>
          <summary>{LEVEL_LABELS[level]}</summary>
          <FieldError path={['palette', level]} errors={errors} />
          {fields.colours.map((name) => (
            <ColourField key={name} level={level} name={name} value={value} errors={errors} onEdit={onEdit} />
          ))}
        </details>
      ))}

      <h3>Mappings</h3>
      {fields.curves.map((field) => (
        <CurveFieldset key={field.name} field={field} value={value} errors={errors} onEdit={onEdit} />
      ))}

      <h3>Sound</h3>
      <FieldError path={['sound']} errors={errors} />
      <label className="spec-number">
        <span>on</span>
        <input
          type="checkbox"
          aria-label="Sound on"
          checked={enabled === true}
          onChange={(e) => onEdit(['sound', 'enabled'], e.currentTarget.checked)}
          {...invalidProps(['sound', 'enabled'], errors)}
        />
        <FieldError path={['sound', 'enabled']} errors={errors} />
      </label>
      <NumberField
        path={['sound', 'volume']}
        label="volume"
        name="Sound volume (0 to 1)"
        min={0}
        max={1}
        value={value}
        errors={errors}
        onEdit={onEdit}
      />
      <label className="spec-number">
        <span>sound bed</span>
        <select
          id={fieldId(['sound', 'bed'])}
          aria-label="Sound bed"
          value={shown(bed)}
          onChange={(e) => onEdit(['sound', 'bed'], e.currentTarget.value)}
          {...invalidProps(['sound', 'bed'], errors)}
        >
          {!(SOUND_BEDS as readonly unknown[]).includes(bed) && <option value={shown(bed)}>?</option>}
          {SOUND_BEDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
        <FieldError path={['sound', 'bed']} errors={errors} />
      </label>
      <NumberField
        path={['sound', 'dreadTension']}
        label="dread tension"
        name="Sound dread tension (0 to 1)"
        min={0}
        max={1}
        value={value}
        errors={errors}
        onEdit={onEdit}
      />
    </fieldset>
  );
}
