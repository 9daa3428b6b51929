"""python manage.py reindex_articles — queue every article for the worker to index again.

After an upgrade that changes what the index holds (docs/operations.md, "Upgrades"), or after
changing the embedding model. Search keeps working meanwhile with what is indexed.
"""

from django.core.management.base import BaseCommand

from restart.knowledge.models import Article
from restart.knowledge.tasks import articles_index

BATCH = 200  # articles a task: a lemma's postings are rebuilt once a batch, not once an article


class Command(BaseCommand):
    help = "Queue every article for re-indexing by the task worker (lemmas, postings, passages, embeddings)."

    def handle(self, *args, **options):
        article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(article_ids), BATCH):
            articles_index.enqueue(article_ids=article_ids[start : start + BATCH])
        self.stdout.write(self.style.SUCCESS(f"{len(article_ids)} articles queued for the worker."))
