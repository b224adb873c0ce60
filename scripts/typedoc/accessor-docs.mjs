// A TypeDoc plugin: a setter without its own comment is documented by its getter's comment, as in
// editors' hover docs (TypeScript shows the accessor's one comment for both directions).
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const accessor of context.project.getReflectionsByKind(ReflectionKind.Accessor)) {
      const getter = accessor.getSignature;
      const setter = accessor.setSignature;
      if (setter && !setter.hasComment() && getter?.comment) setter.comment = getter.comment.clone();
    }
  });
}
