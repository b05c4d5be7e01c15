<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.units_cache</name>
    <message>
      <location filename="cnnviz/core/analysis/units_cache.py" />
      <source>not a units cache key: {key!r:.80}</source>
      <translation>不是单元缓存的键：{key!r:.80}</translation>
    </message>
  </context>
</TS>
