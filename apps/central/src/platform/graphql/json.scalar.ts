import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literal(field.value)]),
      );
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.NULL:
      return null;
    case Kind.ENUM:
      return node.value;
    case Kind.VARIABLE:
      throw new TypeError('JSON literals cannot contain variables');
  }
}

/** Free-form JSON, for details whose shape depends on the event (audit details, command params). */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
