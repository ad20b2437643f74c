import { describe, expect, it } from "vitest";
import { DETECTION_REGION_DEFAULTS, SEVERITY_PRIORITY, mayScan, regionSwitches } from "./detection";

describe("detection policy", () => {
  it("EU scanning is off and US on until an admin switches them", () => {
    expect(DETECTION_REGION_DEFAULTS).toEqual({ US: true, EU: false });
    expect(regionSwitches([])).toEqual({ US: true, EU: false });
    expect(regionSwitches([{ region: "EU", enabled: true }, { region: "US", enabled: false }])).toEqual({ US: false, EU: true });
  });

  it("scans a message only when every participant's region is on, and never without a known region", () => {
    const defaults = regionSwitches([]);
    expect(mayScan(["US"], defaults)).toBe(true);
    expect(mayScan(["EU"], defaults)).toBe(false);
    expect(mayScan(["US", "EU"], defaults)).toBe(false);
    expect(mayScan([], defaults)).toBe(false);
    const both = regionSwitches([{ region: "EU", enabled: true }]);
    expect(mayScan(["US", "EU"], both)).toBe(true);
  });

  it("severity sets the case priority, critical most urgent", () => {
    expect(SEVERITY_PRIORITY).toEqual({ CRITICAL: 1, HIGH: 2, MEDIUM: 3, LOW: 4 });
  });
});
