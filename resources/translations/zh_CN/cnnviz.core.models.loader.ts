<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.loader</name>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>empty model name: give a built-in name (see 'cnnviz models') or a model file</source>
      <translation>模型名为空：请给出内置模型名（见 'cnnviz models'）或一个模型文件</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>there are no bundled weights for {name} yet; make them with 'cnnviz train --model {name} --dataset {dataset} --out resources/weights/{name}.safetensors' or use --weights none</source>
      <translation>{name} 还没有自带权重；可以用 'cnnviz train --model {name} --dataset {dataset} --out resources/weights/{name}.safetensors' 训练生成，或使用 --weights none</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} holds weights for {saved}, not {name}; pass it as --model {path}</source>
      <translation>{path} 保存的是 {saved} 的权重，不是 {name} 的；请用 --model {path} 打开它</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>model file not found: {path}</source>
      <translation>找不到模型文件：{path}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>model path {path} {problem}</source>
      <translation>模型路径 {path}：{problem}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} is neither a TorchScript model nor a cnnviz checkpoint; if it holds weights, pass it as --weights {path} with --model NAME</source>
      <translation>{path} 既不是 TorchScript 模型，也不是 cnnviz 检查点；如果它保存的是权重，请用 --weights {path} 并配合 --model NAME</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} holds weights but does not name its architecture; pass --model NAME --weights {path}</source>
      <translation>{path} 保存了权重，但没有写明网络结构；请用 --model NAME --weights {path}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>; if it is your own code, open it with --model FILE.py:{name} --weights {path} --trust-code</source>
      <translation>；如果这是你自己的代码，请用 --model FILE.py:{name} --weights {path} --trust-code 打开</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} was saved from the architecture '{name}', which cnnviz does not know</source>
      <translation>{path} 是从网络结构 '{name}' 保存的，cnnviz 不认识这个结构</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} is a TorchScript model: loading it runs code stored in the file. Pass --trust-code (or confirm in the app) only if you trust where it came from</source>
      <translation>{path} 是 TorchScript 模型：加载它会运行文件中保存的代码。只有在信任其来源时才加上 --trust-code（或在应用中确认）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} is a TorchScript model with its own weights; --weights none does not apply to it</source>
      <translation>{path} 是自带权重的 TorchScript 模型；--weights none 对它不适用</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/loader.py" />
      <source>{path} could not be loaded as a TorchScript model ({reason})</source>
      <translation>{path} 无法作为 TorchScript 模型加载（{reason}）</translation>
    </message>
  </context>
</TS>
