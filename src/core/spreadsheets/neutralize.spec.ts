import { neutralizeCell } from './neutralize';

describe('neutralizeCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+8613800138000', "'+8613800138000"],
    ['-12', "'-12"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
    ['=HYPERLINK("http://evil","点我")', '\'=HYPERLINK("http://evil","点我")'],
  ])('prefixes %j', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it.each([['杭州某工业配件公司'], ['a=b'], [' =x'], [''], ["'already"]])(
    'leaves %j alone',
    (input) => {
      expect(neutralizeCell(input)).toBe(input);
    },
  );

  it('leaves non-text values alone', () => {
    expect(neutralizeCell(-12)).toBe(-12);
    expect(neutralizeCell(null)).toBeNull();
  });
});
