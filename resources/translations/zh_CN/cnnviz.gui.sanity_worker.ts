<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.sanity_worker</name>
    <message>
      <location filename="cnnviz/gui/sanity_worker.py" />
      <source>the randomisation check needs a copy of the model and it cannot be copied: {error}</source>
      <translation>随机化检验需要模型的副本，但模型无法复制：{error}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/sanity_worker.py" />
      <source>unknown check '{kind}'; choose one of: {kinds}</source>
      <translation>未知的检验“{kind}”；可选：{kinds}</translation>
    </message>
  </context>
</TS>
