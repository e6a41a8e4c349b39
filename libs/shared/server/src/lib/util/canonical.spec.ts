import { canonical } from './canonical';

describe('canonical', () => {
  it('gives the same text for the same content in any key order', () => {
    expect(canonical({ b: [1, { y: 2, x: 1 }], a: 'x' })).toBe(
      canonical({ a: 'x', b: [1, { x: 1, y: 2 }] }),
    );
    expect(canonical({ a: 'x' })).not.toBe(canonical({ a: 'y' }));
  });

  it('leaves out undefined members, as JSON does', () => {
    expect(canonical({ a: 1, help: undefined })).toBe(canonical({ a: 1 }));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
  });
});
