package io.knowledgecloud.search.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import io.knowledgecloud.search.spi.IndexFilter;
import io.knowledgecloud.search.spi.KeywordQuery;

/**
 * Query DSL for {@link OpenSearchIndex}, clause for clause the queries of
 * {@link LuceneSearchIndex}: the same fields, boosts, analyser and filter semantics.
 */
final class OpenSearchQueries {

	private OpenSearchQueries() {
	}

	/**
	 * The BM25 part: {@code match} per field (never query_string), or {@code simple_query_string}
	 * for advanced syntax with AND between terms as in the embedded adapter; {@code null} when no
	 * field has a positive weight.
	 */
	static @Nullable Query keyword(KeywordQuery query) {
		if (query.advanced()) {
			// as Lucene's SimpleQueryParser in the embedded adapter: a zero weight still parses the field
			List<String> fields = List.of(LuceneSearchIndex.TEXT + "^1",
					LuceneSearchIndex.TITLE + "^" + Math.max(query.titleBoost(), 0.0001f),
					LuceneSearchIndex.HEADINGS + "^" + Math.max(query.headingBoost(), 0.0001f));
			return Query.of(q -> q.simpleQueryString(s -> s.query(query.text())
				.fields(fields)
				.defaultOperator(Operator.And)));
		}
		List<Query> should = new ArrayList<>();
		for (var field : List.of(Map.entry(LuceneSearchIndex.TEXT, 1f),
				Map.entry(LuceneSearchIndex.TITLE, query.titleBoost()),
				Map.entry(LuceneSearchIndex.HEADINGS, query.headingBoost()))) {
			if (field.getValue() > 0) {
				should.add(Query.of(q -> q.match(m -> m.field(field.getKey())
					.query(FieldValue.of(query.text()))
					.operator(Operator.Or)
					.boost(field.getValue()))));
			}
		}
		return should.isEmpty() ? null : Query.of(q -> q.bool(b -> b.should(should)));
	}

	/** {@code filter} and {@code must_not} clauses for {@code filter}, added to {@code bool}. */
	static BoolQuery.Builder filter(BoolQuery.Builder bool, IndexFilter filter) {
		bool.filter(term(LuceneSearchIndex.WORKSPACE, filter.workspaceId().toString()));
		if (filter.principal() != null) {
			bool.filter(anyOf(LuceneSearchIndex.ACL,
					List.of(LuceneSearchIndex.EVERYONE, filter.principal().toString())));
		}
		if (!filter.tags().isEmpty()) {
			bool.filter(anyOf(LuceneSearchIndex.TAG, filter.tags()));
		}
		if (!filter.collections().isEmpty()) {
			bool.filter(anyOf(LuceneSearchIndex.COLLECTION, filter.collections()));
		}
		if (!filter.mediaTypes().isEmpty()) {
			bool.filter(anyOf(LuceneSearchIndex.MEDIA_TYPE, filter.mediaTypes()));
		}
		if (filter.from() != null || filter.to() != null) {
			var from = filter.from();
			var to = filter.to();
			bool.filter(Query.of(q -> q.range(r -> {
				r.field(LuceneSearchIndex.CREATED).format("epoch_millis");
				if (from != null) {
					r.gte(JsonData.of(from.toEpochMilli()));
				}
				if (to != null) {
					r.lt(JsonData.of(to.toEpochMilli()));
				}
				return r;
			})));
		}
		if (!filter.documents().isEmpty()) {
			bool.filter(anyOf(LuceneSearchIndex.DOCUMENT, ids(filter.documents())));
		}
		if (!filter.excludedDocuments().isEmpty()) {
			bool.mustNot(anyOf(LuceneSearchIndex.DOCUMENT, ids(filter.excludedDocuments())));
		}
		return bool;
	}

	/** Every chunk of one document. */
	static Query document(UUID workspaceId, UUID documentId) {
		return Query.of(q -> q.bool(b -> b.filter(term(LuceneSearchIndex.WORKSPACE, workspaceId.toString()),
				term(LuceneSearchIndex.DOCUMENT, documentId.toString()))));
	}

	static Query term(String field, String value) {
		return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
	}

	static Query anyOf(String field, Collection<String> values) {
		List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
		return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
	}

	private static List<String> ids(Collection<UUID> ids) {
		return ids.stream().map(UUID::toString).sorted().toList();
	}
}
