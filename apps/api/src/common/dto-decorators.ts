import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, buildMessage, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy, ValidateNested, isObject } from 'class-validator';

/**
 * The decorators as if stacked on the property in this order: the last one is applied first, so
 * class-validator reports the constraints in the same order as the stacked form.
 */
export const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/** An optional field that must be one of `values`; the OpenAPI `enum` lists the same values. */
export const OptionalIn = (values: readonly string[], options: { default?: string; description?: string } = {}) =>
  stacked(ApiPropertyOptional({ enum: values, ...options }), IsOptional(), IsIn(values));

/** An optional whole number from `min` to `max`. */
export const OptionalInt = (description: string, min: number, max: number) =>
  stacked(ApiPropertyOptional({ description, minimum: min, maximum: max }), IsOptional(), IsInt(), Min(min), Max(max));

/** An optional uuid (another record's id). */
export const OptionalUuid = (description: string) => stacked(ApiPropertyOptional({ format: 'uuid', description }), IsOptional(), IsUUID());

/** An optional list of at most `max` uuids (other records' ids). */
export const OptionalUuids = (description: string, max: number) =>
  stacked(ApiPropertyOptional({ type: [String], format: 'uuid', description }), IsOptional(), IsArray(), ArrayMaxSize(max), IsUUID('all', { each: true }));

/** `?q=`: optional free-text search, trimmed, at most 100 characters. */
export const SearchQuery = (description: string) =>
  stacked(
    ApiPropertyOptional({ description, maxLength: 100 }),
    IsOptional(),
    IsString(),
    MaxLength(100),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
  );

/**
 * Every item of an array is an object (code IS_OBJECT). Unlike `IsObject({ each: true })` it says
 * nothing about a value that is not an array (IsArray reports that), so a missing list gets one
 * error, not two.
 */
const ObjectItems = () =>
  ValidateBy({
    name: 'isObject',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || value.every((item) => isObject(item)),
      defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}each value in $property must be an object`),
    },
  });

/**
 * An array of `itemType` objects, each validated (between `min` and `max` of them). Each item must
 * be an object: ValidateNested alone passes an item that is an array (`[[]]`) unvalidated, and the
 * handler then failed with a 500 (tests/integration/nested-arrays.int-spec.ts).
 */
export const NestedArray = (itemType: () => ClassType, { min, max }: { min?: number; max: number }) =>
  stacked(IsArray(), ...(min === undefined ? [] : [ArrayMinSize(min)]), ArrayMaxSize(max), ObjectItems(), ValidateNested({ each: true }), Type(itemType));
