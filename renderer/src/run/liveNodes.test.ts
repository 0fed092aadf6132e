import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeLiveState } from '../../../shared/sim/liveState';
import type { SimulationSession } from './SimulationSession';
import {
  FLASH_MS,
  LiveNodePainter,
  cellsGradient,
  fade,
  flashStrength,
  formatLiveValue,
  liveColor,
  liveGradient,
  liveTooltip,
} from './liveNodes';

describe('live node colours', () => {
  it('white at reset or rest, tomato at threshold and above, blue below, NaN white', () => {
    expect(liveColor(0)).toBe('#ffffff');
    expect(liveColor(1)).toBe('#f46a4b');
    expect(liveColor(1.7)).toBe('#f46a4b');
    expect(liveColor(-1)).toBe('#60a5fa');
    expect(liveColor(-5)).toBe('#60a5fa');
    expect(liveColor(NaN)).toBe('#ffffff');
    // Between two stops: channel by channel.
    expect(liveColor(0.2)).toBe('#fff2e6');
  });

  it('gets warmer (less blue) as the level rises towards threshold', () => {
    const blue = (level: number): number => parseInt(liveColor(level).slice(5, 7), 16);
    for (let l = 0; l < 1; l += 0.05) expect(blue(l + 0.05)).toBeLessThanOrEqual(blue(l));
  });

  it('the legend gradient runs from its lower to its upper level', () => {
    const g = liveGradient(-0.5, 1);
    expect(g.startsWith('linear-gradient(90deg, #bfdbfe 0%, #ffffff 33.3%')).toBe(true);
    expect(g.endsWith('#f46a4b 100%)')).toBe(true);
  });

  it('cells: one hard-stop segment per cell, a flash mixes towards yellow', () => {
    expect(cellsGradient([0, 1])).toBe(
      'linear-gradient(90deg, #ffffff 0.00% 50.00%, #f46a4b 50.00% 100.00%)',
    );
    expect(cellsGradient([0], [1])).toBe('linear-gradient(90deg, #facc15 0.00% 100.00%)');
    expect(cellsGradient([])).toBe('none');
  });

  it('a spike flashes fully for one neuron, in proportion for a population', () => {
    expect(flashStrength(1, 1)).toBe(1);
    expect(flashStrength(0, 1)).toBe(0);
    expect(flashStrength(1, 1000)).toBe(0.25); // floor: a single spike stays visible
    expect(flashStrength(100, 1000)).toBe(0.5);
    expect(flashStrength(900, 1000)).toBe(1);
    expect(fade(0)).toBe(1);
    expect(fade(FLASH_MS / 2, 0.5)).toBe(0.25);
    expect(fade(FLASH_MS)).toBe(0);
    expect(fade(Infinity)).toBe(0);
  });

  it('tooltips and data-live-v give the value with its unit and scale', () => {
    expect(formatLiveValue(0.123456)).toBe('0.1235');
    expect(formatLiveValue(-64.99999)).toBe('-65');
    const hh = {
      nodeId: 'H',
      variable: 'V' as const,
      mean: -64.2,
      level: 0.01,
      cells: Float64Array.of(0.01),
    };
    expect(liveTooltip(hh, 1)).toBe(
      'V = -64.2 mV\ncolour: V (HH, mV): rest −65 mV to the spike threshold',
    );
    expect(liveTooltip({ ...hh, variable: 'v', mean: 0.5 }, 3200)).toMatch(
      /^mean v of 3200 = 0\.5\n/,
    );
  });
});

/** Just what the painter touches of an element. */
class FakeElement {
  attributes = new Map<string, string>();
  properties = new Map<string, string>();
  writes = 0;
  title = '';
  style = {
    setProperty: (name: string, value: string) => {
      this.writes++;
      this.properties.set(name, value);
    },
    removeProperty: (name: string) => this.properties.delete(name),
  };
  setAttribute(name: string, value: string): void {
    this.writes++;
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    if (name === 'title') this.title = '';
    this.attributes.delete(name);
  }
}

function fakeSession() {
  return {
    live: new Map<string, NodeLiveState>(),
    spikes: new Map<string, { size: number; total: number; counts: Uint32Array }>(),
    generation: 0,
    subscribe: () => () => undefined,
  };
}

function lif(mean: number): NodeLiveState {
  return { nodeId: 'C', variable: 'v', mean, level: mean, cells: Float64Array.of(mean) };
}

describe('LiveNodePainter', () => {
  // Animation frames are driven by hand: paint() is what one frame does.
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    return () => vi.unstubAllGlobals();
  });

  it('paints a node from the session, flashes on new spikes, fades, and clears on a new generation', () => {
    const session = fakeSession();
    let now = 1000;
    const painter = new LiveNodePainter(session as unknown as SimulationSession, () => now);
    const el = new FakeElement();
    painter.attach('C', el as unknown as HTMLElement);
    expect(painter.paint()).toBe(false);
    expect(el.attributes.size).toBe(0); // no run: nothing drawn

    session.live.set('C', lif(0.5));
    session.spikes.set('C', { size: 1, total: 0, counts: new Uint32Array(1) });
    painter.paint();
    expect(el.getAttribute('data-live')).toBe('state');
    expect(el.getAttribute('data-live-v')).toBe('0.5');
    expect(el.properties.get('--live-bg')).toBe(liveColor(0.5));
    expect(el.properties.get('--live-meter')).toBe('0.5');
    expect(el.getAttribute('data-live-flash')).toBeNull();
    expect(el.title).toMatch(/^v = 0\.5\n/);

    // Nothing new: nothing written.
    const writes = el.writes;
    painter.paint();
    expect(el.writes).toBe(writes);

    // A spike arrives (the session notifies): a full flash that fades over FLASH_MS.
    session.spikes.set('C', { size: 1, total: 1, counts: Uint32Array.of(1) });
    (painter as unknown as { dataChanged: boolean }).dataChanged = true;
    expect(painter.paint()).toBe(true);
    expect(el.getAttribute('data-live-flash')).toBe('on');
    expect(el.getAttribute('data-live-spikes')).toBe('1');
    expect(el.properties.get('--live-flash')).toBe('1');
    now += FLASH_MS / 2;
    expect(painter.paint()).toBe(true);
    expect(el.properties.get('--live-flash')).toBe('0.5');
    now += FLASH_MS;
    expect(painter.paint()).toBe(false);
    expect(el.getAttribute('data-live-flash')).toBeNull();

    // Reset (the session cleared): everything the painter wrote is gone.
    session.live.clear();
    session.spikes.clear();
    session.generation++;
    painter.paint();
    expect(el.attributes.size).toBe(0);
    expect(el.properties.size).toBe(0);
    expect(el.title).toBe('');
  });

  it('a population gets a strip of cells; its spiking cells flash', () => {
    const session = fakeSession();
    const now = 0;
    const painter = new LiveNodePainter(session as unknown as SimulationSession, () => now);
    const el = new FakeElement();
    el.setAttribute('data-size', '4');
    painter.attach('P', el as unknown as HTMLElement);
    session.live.set('P', {
      nodeId: 'P',
      variable: 'v',
      mean: 0.25,
      level: 0.25,
      cells: Float64Array.of(0, 0, 1, 0),
    });
    session.spikes.set('P', { size: 4, total: 0, counts: new Uint32Array(4) });
    painter.paint();
    expect(el.properties.get('--live-cells')).toBe(cellsGradient([0, 0, 1, 0]));
    expect(el.title).toMatch(/^mean v of 4 = 0\.25/);
    session.spikes.set('P', { size: 4, total: 1, counts: Uint32Array.of(0, 1, 0, 0) });
    (painter as unknown as { dataChanged: boolean }).dataChanged = true;
    painter.paint();
    expect(el.properties.get('--live-cells')).toBe(cellsGradient([0, 0, 1, 0], [0, 1, 0, 0]));
    // 1 of 4 neurons spiked: 5 x 1/4 is more than a full flash (see flashStrength).
    expect(el.properties.get('--live-flash')).toBe('1');
  });
});
