import type { CloudId } from "./cloud";
import { UnsupportedError } from "./errors";

/**
 * State a component keeps beside its instances rather than on them: Pulumi's schema inference
 * reads every declared field of a component as an output, and the plan and backend result are not.
 */
export class Internals<K extends object, V> {
  private readonly map = new WeakMap<K, V>();

  constructor(private readonly component: string) {}

  set(instance: K, value: V): void {
    this.map.set(instance, value);
  }

  get(instance: K): V {
    const found = this.map.get(instance);
    if (!found) throw new Error(`${this.component} was not constructed`);
    return found;
  }
}

/**
 * The escape hatch: the cloud's own resources of a component, typed per cloud. Asking for another
 * cloud's resources is a mistake in the program, said in its terms.
 */
export function resourcesOn<R extends { cloud: CloudId; resources: unknown }, C extends CloudId>(
  component: string,
  name: string,
  result: R,
  asked: C,
): Extract<R, { cloud: C }>["resources"] {
  if (result.cloud !== asked) {
    throw new UnsupportedError(
      component,
      name,
      result.cloud,
      asked,
      `this ${component} is on ${result.cloud}, so it has no ${asked} resources`,
    );
  }
  return (result as Extract<R, { cloud: C }>).resources;
}
