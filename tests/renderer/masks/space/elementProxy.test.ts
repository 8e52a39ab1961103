import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { ElementProxy } from '../../../../renderer/src/views/space/elementProxy';
import type { ForwardedEvent } from '../../../../renderer/src/views/space/protocol';

/** Orbit controls on the worker's stand-in element, as in the 3D view's worker. */
function controlled() {
  const element = new ElementProxy();
  element.setBox(800, 500, 0, 0);
  const camera = new THREE.PerspectiveCamera(38, 800 / 500, 0.1, 500);
  camera.position.set(0, 0, 10);
  const controls = new OrbitControls(camera, element as unknown as HTMLElement);
  controls.enableDamping = false;
  let changes = 0;
  controls.addEventListener('change', () => changes++);
  return { element, camera, controls, changes: () => changes };
}

const pointer = (type: string, x: number, y: number, button = 0): ForwardedEvent => ({
  type,
  pointerId: 1,
  pointerType: 'mouse',
  button,
  clientX: x,
  clientY: y,
  pageX: x,
  pageY: y,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
});

describe('ElementProxy', () => {
  it('lets forwarded pointer events orbit the camera, and stops listening to moves on release', () => {
    const { element, camera, changes } = controlled();
    expect(element.listenerCount('pointerdown')).toBe(1);
    expect(element.listenerCount('pointermove')).toBe(0);
    const start = camera.position.clone();
    element.dispatch(pointer('pointerdown', 400, 250));
    expect(element.listenerCount('pointermove')).toBe(1);
    for (let i = 1; i <= 5; i++) element.dispatch(pointer('pointermove', 400 + i * 20, 250));
    element.dispatch(pointer('pointerup', 500, 250));
    expect(element.listenerCount('pointermove')).toBe(0);
    expect(changes()).toBeGreaterThan(0);
    // Orbiting keeps the distance to the target and moves the camera sideways.
    expect(camera.position.length()).toBeCloseTo(start.length(), 6);
    expect(Math.abs(camera.position.x - start.x)).toBeGreaterThan(1);
    // A move after release does nothing.
    const after = camera.position.clone();
    element.dispatch(pointer('pointermove', 700, 250));
    expect(camera.position.equals(after)).toBe(true);
  });

  it('lets a forwarded wheel event zoom', () => {
    const { element, camera } = controlled();
    const before = camera.position.length();
    element.dispatch({ ...pointer('wheel', 400, 250), deltaY: -100, deltaMode: 0 });
    expect(camera.position.length()).toBeLessThan(before);
    element.dispatch({ ...pointer('wheel', 400, 250), deltaY: 300, deltaMode: 0 });
    expect(camera.position.length()).toBeGreaterThan(before);
  });

  it('lets a right-drag pan (target moves with the camera)', () => {
    const { element, controls } = controlled();
    element.dispatch(pointer('pointerdown', 400, 250, 2));
    element.dispatch(pointer('pointermove', 460, 250, 2));
    element.dispatch(pointer('pointerup', 460, 250, 2));
    expect(Math.abs(controls.target.x)).toBeGreaterThan(0.01);
  });

  it('reports its box and drops listeners on dispose', () => {
    const { element, controls } = controlled();
    element.setBox(640, 360, 20, 30);
    expect(element.getBoundingClientRect()).toMatchObject({
      left: 20,
      top: 30,
      width: 640,
      height: 360,
      right: 660,
      bottom: 390,
    });
    controls.dispose();
    for (const type of ['pointerdown', 'pointercancel', 'wheel', 'contextmenu', 'keydown'])
      expect(element.listenerCount(type)).toBe(0);
  });
});
