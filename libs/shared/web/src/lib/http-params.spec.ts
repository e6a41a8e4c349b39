import { queryParams } from './http-params';

describe('queryParams', () => {
  it('sends the values that are set and leaves out empty ones', () => {
    const params = queryParams({
      q: 'sam',
      page: 2,
      archived: true,
      status: '',
      role: undefined,
      counselorId: null,
      mine: false,
    });
    expect(params.toString()).toBe('q=sam&page=2&archived=true');
  });
});
